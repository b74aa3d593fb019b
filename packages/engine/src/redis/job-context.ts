import type { Job } from 'bullmq';
import { FlowBundle } from '@fireflow/protocol';
import type { Lru } from './lru.ts';
import type { QueueSet } from './queues.ts';
import type { RunStore } from './run-store.ts';

/** What every job processor of a worker shares; built once by `startRedisWorker`. */
export interface WorkerContext {
  store: RunStore;
  queues: QueueSet;
  bundles: Lru<string, FlowBundle>;
  redact: (text: string) => string;
  maxDepth: number;
  log: (message: string) => void;
}

/**
 * Before a job runs: find the flow snapshot — cached by run id, else read from Redis and parsed once — and skip the
 * job if its unit already completed or its run settled, drop it if its run is gone. A first delivery with a cached
 * flow skips the look-up: were it a re-run of finished work after all, the store refuses its writes.
 */
export async function prepareJob(ctx: WorkerContext, job: Job, runId: string, unit: string): Promise<FlowBundle | null> {
  const cached = ctx.bundles.get(runId);
  const redelivered = job.attemptsStarted > 1 || job.stalledCounter > 0;
  if (cached && !redelivered) return cached;
  const state = await ctx.store.jobState(runId, unit);
  if (state.kind === 'unknown_run') {
    ctx.log(`dropping ${unit}: run ${runId} is not in Redis (expired or never started)`);
    return null;
  }
  if (state.kind === 'stale') return null;
  if (cached) return cached;
  const parsed = FlowBundle.safeParse(JSON.parse(state.bundleJson ?? 'null'));
  if (!parsed.success) {
    ctx.log(`dropping ${unit}: run ${runId} has no readable flow snapshot`);
    return null;
  }
  ctx.bundles.set(runId, parsed.data);
  return parsed.data;
}
