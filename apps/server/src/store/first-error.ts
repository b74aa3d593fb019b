import type { DispatchEvent } from '@fireflow/protocol';

/** A failure as History shows it in one line, or null for an event that is not one. */
export function firstErrorOf(event: DispatchEvent): string | null {
  if (event.type === 'execution.failed') {
    const { code, file, line, column, message } = event.error;
    return `${code} at ${file}:${line}:${column}: ${message}`;
  }
  if (event.type === 'stripe.request.failed' && event.final) {
    const { type, code, message } = event.error.error;
    const status = event.status === null ? 'no answer' : `HTTP ${event.status}`;
    return `Stripe ${status} ${code ?? type}${message ? `: ${message}` : ''}`;
  }
  return null;
}
