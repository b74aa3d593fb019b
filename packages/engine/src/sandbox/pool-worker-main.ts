import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from './engine.ts';
import type { PoolWorkerData, TaskMessage, WorkerMessage } from './pool-protocol.ts';
import type { ScriptTask } from './types.ts';

export interface WorkerHooks {
  /** Runs before each task; tests use it to make a worker die mid-task. */
  beforeTask?: (task: ScriptTask) => void;
}

/** The body of a pool worker: one engine, one task at a time, in the order they arrive. */
export async function startSandboxWorker(hooks: WorkerHooks = {}): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('startSandboxWorker must run in a worker thread');
  const engine = await createEngine({ compiled: (workerData as PoolWorkerData).compiled });
  port.on('message', (message: TaskMessage) => {
    hooks.beforeTask?.(message.task);
    void engine.run(message.task).then((result) => {
      port.postMessage({ type: 'result', id: message.id, result } satisfies WorkerMessage);
    });
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
