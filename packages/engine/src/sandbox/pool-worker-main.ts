import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from './engine.ts';
import type { PoolWorkerData, ResultEnvelope, TaskBatch, TaskEnvelope, WorkerMessage } from './pool-protocol.ts';
import type { ScriptTask } from './types.ts';

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
  const current = new Float64Array(data.current);
  const waiting: TaskEnvelope[] = [];
  let draining = false;

  const drain = async () => {
    draining = true;
    let results: ResultEnvelope[] = [];
    let oldest = 0;
    for (let next = waiting.shift(); next; next = waiting.shift()) {
      current[0] = next.id;
      hooks.beforeTask?.(next.task);
      results.push({ id: next.id, result: await engine.run(next.task) });
      if (results.length === 1) oldest = performance.now();
      if (waiting.length === 0 || performance.now() - oldest >= FLUSH_AFTER_MS) {
        port.postMessage({ type: 'results', results } satisfies WorkerMessage);
        results = [];
      }
    }
    draining = false;
    // Idle now: make the next execution's runtime and context while nothing waits for this thread.
    void engine.prepare();
  };

  port.on('message', (batch: TaskBatch) => {
    waiting.push(...batch.tasks);
    if (!draining) void drain();
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
