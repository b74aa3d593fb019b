import { STATUS_LABEL, type DisplayStatus } from '../../shared/kinds.ts';

/** `1 Stripe error`, `2 Stripe errors`. */
export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * A settled run's status as it happened: a run whose error script handled a failed Stripe call succeeded,
 * and says so — "Succeeded · 1 Stripe error".
 */
export function runStatusLabel(status: DisplayStatus, stripeFailures: number): string {
  const base = STATUS_LABEL[status];
  return stripeFailures > 0 && status !== 'running' ? `${base} · ${plural(stripeFailures, 'Stripe error')}` : base;
}
