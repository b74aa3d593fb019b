import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from './engine.ts';
import { resolveLimits } from './limits.ts';
import {
  SHARED,
  type PoolWorkerData,
  type ResultEnvelope,
  type TaskBatch,
  type TaskEnvelope,
  type WorkerMessage,
} from './pool-protocol.ts';
import { DEFAULT_LIMITS, type ScriptTask } from './types.ts';

/**
 * Results wait at most this long for company before they are posted: long enough to share one message among
 * a few tiny scripts, short enough not to show in dispatch latency.
 */
const FLUSH_AFTER_MS = 1;

export interface WorkerHooks {
  /** Runs before each task; tests use it to make a worker die mid-task. */
  beforeTask?: (task: ScriptTask) => void;
}

/** The body of a pool worker: one engine, one task at a time, in the order they arrive. */
export async function startSandboxWorker(hooks: WorkerHooks = {}): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('startSandboxWorker must run in a worker thread');
  const data = workerData as PoolWorkerData;
  const engine = await createEngine({ compiled: data.compiled });
  const shared = new Float64Array(data.shared);
  const waiting: TaskEnvelope[] = [];
  let draining = false;

  const drain = async () => {
    draining = true;
    let results: ResultEnvelope[] = [];
    let oldest = 0;
    for (let next = waiting.shift(); next; next = waiting.shift()) {
      if (next.seq <= shared[SHARED.skipThrough]!) continue; // the pool took it back to run elsewhere
      shared[SHARED.seq] = next.seq;
      shared[SHARED.cpuMs] =
        next.task.limits === undefined ? DEFAULT_LIMITS.cpuMs : resolveLimits(next.task.limits).cpuMs;
      shared[SHARED.startedAt] = performance.timeOrigin + performance.now();
      shared[SHARED.current] = next.id;
      hooks.beforeTask?.(next.task);
      const result = await engine.run(next.task);
      shared[SHARED.current] = -1;
      results.push({ id: next.id, result });
      if (results.length === 1) oldest = performance.now();
      if (waiting.length === 0 || performance.now() - oldest >= FLUSH_AFTER_MS) {
        port.postMessage({ type: 'results', results } satisfies WorkerMessage);
        results = [];
      }
    }
    if (results.length > 0) port.postMessage({ type: 'results', results } satisfies WorkerMessage);
    draining = false;
    // Idle now: rebuild a realm a limit spent while nothing waits for this thread.
    await engine.prepare();
    if (waiting.length > 0 && !draining) void drain();
  };

  port.on('message', (batch: TaskBatch) => {
    waiting.push(...batch.tasks);
    if (!draining) void drain();
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
