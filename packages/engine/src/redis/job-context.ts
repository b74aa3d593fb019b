import type { Job } from 'bullmq';
import { FlowBundle } from '@fireflow/protocol';
import type { Lru } from './lru.ts';
import type { QueueSet } from './queues.ts';
import type { BudgetStore } from './budget-store.ts';
import { bundleDigestOf, type RunStore } from './run-store.ts';
import { queueFollowUps } from './follow-ups.ts';

/** What every job processor of a worker shares; built once by `startRedisWorker`. */
export interface WorkerContext {
  store: RunStore;
  queues: QueueSet;
  budgets: BudgetStore;
  /** Parsed flow snapshots by digest: every run of the same flow version shares one. */
  bundles: Lru<string, FlowBundle>;
  redact: (text: string) => string;
  maxDepth: number;
  log: (message: string) => void;
}

/** The flow snapshot a job runs against, and its digest, which the jobs it queues carry on. */
export interface JobFlow {
  bundle: FlowBundle;
  digest: string;
}

/**
 * A job's name carries its run's flow digest (`execution:<digest>`, see `queues.ts`), so a worker that has parsed
 * that snapshot before needs nothing from Redis to start. Jobs queued before digests existed carry none.
 */
export function digestOfJob(job: Job): string | null {
  const colon = job.name.indexOf(':');
  return colon === -1 ? null : job.name.slice(colon + 1);
}

/**
 * Before a job runs: find the flow snapshot — cached by digest, else read from Redis and parsed once — and skip the
 * job if its run settled, drop it if its run is gone. A first delivery with a cached flow skips the look-up. A
 * re-delivered job whose unit completed before (its worker died before queueing what came next) does not run
 * again: a script may not do the same twice, nor Stripe answer the same — it queues again the follow-ups its run
 * kept, still pending. (A job run twice at once, or added again, still reaches completion, which answers the same.)
 */
export async function prepareJob(ctx: WorkerContext, job: Job, runId: string, unit: string): Promise<JobFlow | null> {
  const named = digestOfJob(job);
  const cached = named === null ? undefined : ctx.bundles.get(named);
  const redelivered = job.attemptsStarted > 1 || job.stalledCounter > 0;
  if (cached && named !== null && !redelivered) return { bundle: cached, digest: named };
  return flowOf(ctx, runId, unit);
}

/**
 * The flow snapshot a unit of a run goes on with (cached by digest, else read and parsed once); null when there is
 * nothing to do: the run is gone or settled, or the unit completed before — then its kept follow-ups still pending
 * are queued again.
 */
export async function flowOf(ctx: WorkerContext, runId: string, unit: string): Promise<JobFlow | null> {
  const state = await ctx.store.jobState(runId, unit);
  if (state.kind === 'unknown_run') {
    ctx.log(`dropping ${unit}: run ${runId} is not in Redis (expired or never started)`);
    return null;
  }
  if (state.kind === 'stale') return null;
  const json = state.bundleJson ?? 'null';
  const digest = state.bundleDigest ?? bundleDigestOf(json);
  if (state.kind === 'done') {
    await queueFollowUps(ctx.queues, state.queue, digest);
    return null;
  }
  const known = ctx.bundles.get(digest);
  if (known) return { bundle: known, digest };
  const parsed = FlowBundle.safeParse(JSON.parse(json));
  if (!parsed.success) {
    ctx.log(`dropping ${unit}: run ${runId} has no readable flow snapshot`);
    return null;
  }
  ctx.bundles.set(digest, parsed.data);
  return { bundle: parsed.data, digest };
}
