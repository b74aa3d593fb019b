/**
 * Every Redis name Fireflow uses, in one place. Per-run keys share the `{run_id}` hash tag so the Lua scripts that
 * touch several of them stay valid on Redis Cluster.
 */
export const KEY_PREFIX = 'ff';

/** Pub/sub channel announcing "events were appended to run R": `<run_id> <first_id> <last_id>`. */
export const EVENTS_CHANNEL = `${KEY_PREFIX}:events`;

/** Runs not yet settled (score: start time), so a reader that lost its subscription can catch up. */
export const ACTIVE_RUNS_KEY = `${KEY_PREFIX}:runs:active`;

/** Run state, the flow snapshot and the event stream of a run still going live this long (7 days). */
export const RUN_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * A settled run's events stay this long (1 hour), for servers catching up after a disconnection; each server keeps
 * its own history on disk. Kept for `RUN_TTL_SECONDS`, ~11 KB per run would pile up to gigabytes a day at a few
 * flows per second.
 */
export const SETTLED_EVENTS_TTL_SECONDS = 60 * 60;

/**
 * A settled run's state, cut down to when and how it ended (~0.3 KB), stays a day: a server back from a longer
 * outage than the events outlive still learns how the runs it was following ended (`lost-runs.ts`).
 */
export const SETTLED_STATE_TTL_SECONDS = 24 * 60 * 60;

/** Entries (writes, of one or more events each) kept per run stream (`XADD … MAXLEN ~`). */
export const DEFAULT_MAX_EVENTS_PER_RUN = 10_000;

export interface RunKeys {
  /**
   * Hash of the run's state: bundle, bundle_digest, flow_id, context_id, started, seq, settled, the `RunCounts`
   * fields, `pending` (units not done) and `u:<unit>` per unit of work: pending (with its job) or done (see
   * `scripts.ts`). Once the run has settled: only `started` and `settled`.
   */
  meta: string;
  /** Stream of the run's events: one entry per write, id `<its last event id>-0`, field `e` one event per line. */
  events: string;
  /** Hash of the run's budgets, what it spent, `stopped` (the budget reached) and each owner's answer. */
  budget: string;
  /** Set of call units holding one of the run's in-flight slots. */
  inflight: string;
}

export function runKeys(runId: string): RunKeys {
  const base = `${KEY_PREFIX}:run:{${runId}}`;
  return {
    // Not `:meta`: runs kept in the older layout (one set per kind of unit) are unknown here and end as lost.
    meta: `${base}:state`,
    events: `${base}:events`,
    budget: `${base}:budget`,
    inflight: `${base}:inflight`,
  };
}

/** The unit of work an execution is, in a run's state (pending or done). */
export function executionUnit(executionId: string): string {
  return `x/${executionId}`;
}

/** The unit of work a Stripe call is (all its attempts together). */
export function callUnit(requestId: string): string {
  return `c/${requestId}`;
}

/** BullMQ queue names may not contain `:`; worker ids come from scripts, so they are encoded. */
export function executionQueueName(workerId: string): string {
  return `fireflow.exec.${encodeURIComponent(workerId)}`;
}

/** One queue for every Stripe call, so its rate limiter is global across all workers. */
export const STRIPE_QUEUE_NAME = 'fireflow.stripe';

/** BullMQ keys of our queues live under this prefix, apart from any other BullMQ user of the same Redis. */
export const BULL_PREFIX = `${KEY_PREFIX}:bull`;
