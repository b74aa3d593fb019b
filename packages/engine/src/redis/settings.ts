/**
 * Settings every worker must share, so a dead worker's jobs come back the same way wherever they are checked: a
 * lock lives 5 s unless renewed (every 2.5 s), and the stalled check runs every 2.5 s, so a killed worker's
 * jobs are back in their queue within lock + interval ≈ 7.5 s (SPEC §6 asks for 10 s).
 */
export const LOCK_DURATION_MS = 5_000;
export const STALLED_INTERVAL_MS = 2_500;

/** A job may be handed back this often before BullMQ fails it; crashes are rare, dropping a job is worse. */
export const MAX_STALLED_COUNT = 20;

/** Stripe calls per second across all workers: inside Stripe's test-mode limit of 25/s. */
export const DEFAULT_STRIPE_RATE = 20;

/** How long `close()` lets running jobs finish before handing them back: leaves room to exit within 10 s. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 6_000;

export class StripeRateError extends Error {}

/**
 * `--stripe-rate` / `FIREFLOW_STRIPE_RATE`: Stripe calls per second across all workers; `0` or `off` lifts the
 * limit (benchmarks against the mock). The flag wins over the environment.
 */
export function resolveStripeRate(flag: string | undefined, env: string | undefined): number {
  const value = flag ?? (env === '' ? undefined : env);
  if (value === undefined) return DEFAULT_STRIPE_RATE;
  if (value === 'off') return 0;
  const rate = Number(value);
  if (!Number.isInteger(rate) || rate < 0) {
    const name = flag === undefined ? 'FIREFLOW_STRIPE_RATE' : '--stripe-rate';
    throw new StripeRateError(
      `${name} must be a whole number of Stripe calls per second (0 or "off" for no limit), got "${value}"`,
    );
  }
  return rate;
}
