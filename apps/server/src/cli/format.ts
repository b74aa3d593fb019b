import { exhaustiveSwitchError, type DispatchEvent } from '@fireflow/protocol';

const COLORS = { dim: 2, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36 } as const;
export type Paint = (color: keyof typeof COLORS, text: string) => string;

export const plain: Paint = (_color, text) => text;
export const ansi: Paint = (color, text) => `\u001b[${COLORS[color]}m${text}\u001b[0m`;

const ms = (value: number): string => `${value < 10 ? value.toFixed(2) : Math.round(value)} ms`;

/** One human line per event (null: not worth a line). */
export function formatEvent(event: DispatchEvent, paint: Paint): string | null {
  switch (event.type) {
    case 'run.started':
      return paint(
        'cyan',
        event.trigger === 'webhook'
          ? `▶ run ${event.run_id} of "${event.flow_name}" (webhook ${event.event_type ?? ''} ${event.event_id ?? ''} → ${event.entry})`
          : `▶ run ${event.run_id} of "${event.flow_name}" (entry ${event.entry})`,
      );
    case 'execution.queued':
      return null;
    case 'execution.started':
      return paint('dim', `  ${event.node_id} started (${event.execution_id})`);
    case 'execution.log': {
      const line = `  ${event.node_id} │ ${event.message}`;
      if (event.level === 'error') return paint('red', line);
      if (event.level === 'warn') return paint('yellow', line);
      return line;
    }
    case 'execution.finished':
      return paint('dim', `  ${event.node_id} finished in ${ms(event.duration_ms)}`);
    case 'execution.failed': {
      const where = `${event.error.file}:${event.error.line}:${event.error.column}`;
      return paint('red', `  ${event.node_id} failed ${event.error.code} at ${where}: ${event.error.message}`);
    }
    case 'stripe.request.sent':
      return paint('blue', `  → ${event.method} ${event.path} (${event.node_id}, attempt ${event.attempt})`);
    case 'stripe.request.succeeded':
      return paint('green', `  ← ${event.status} ${event.object_id ?? ''} in ${ms(event.duration_ms)}`);
    case 'stripe.request.failed': {
      const status = event.status ?? 'network error';
      const what = `${event.error.error.type}${event.error.error.code ? `/${event.error.error.code}` : ''}`;
      const next = event.final ? 'final' : `retrying in ${event.retry_in_ms ?? 0} ms`;
      return paint(
        event.final ? 'red' : 'yellow',
        `  ← ${status} ${what}: ${event.error.error.message ?? ''} (${next})`,
      );
    }
    case 'run.settled': {
      const c = event.counts;
      const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
      const summary = `${count(c.executions, 'execution')} (${c.failed_executions} failed), ${count(c.stripe_calls, 'Stripe call')} (${c.stripe_failures} failed)`;
      return paint(
        event.status === 'succeeded' ? 'green' : 'red',
        `■ run ${event.status} in ${ms(event.duration_ms)}: ${summary}`,
      );
    }
    default:
      return exhaustiveSwitchError(event);
  }
}
