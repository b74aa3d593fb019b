import type { CompiledQuickJS } from './quickjs.ts';
import type { ScriptResult, ScriptTask } from './types.ts';

/** What a pool worker is started with. */
export interface PoolWorkerData {
  compiled: CompiledQuickJS;
  /**
   * One float64 the worker sets to the id of each task before running it. If the worker dies, it tells the pool
   * which task was running (it fails) and which it had only been handed (they run again) — with no message.
   */
  current: SharedArrayBuffer;
}

export interface TaskEnvelope {
  id: number;
  task: ScriptTask;
}

export interface ResultEnvelope {
  id: number;
  result: ScriptResult;
}

/**
 * Tasks and results travel in batches: waking a sleeping thread costs far more than copying a message
 * (measured ~30 µs per postMessage to an idle thread and ~150 µs of CPU per round trip on a 2-core VM, against
 * ~4 µs when the receiver is busy), so one message per batch keeps a loaded pool from paying it per task.
 */
export interface TaskBatch {
  type: 'tasks';
  tasks: TaskEnvelope[];
}

export type WorkerMessage = { type: 'ready' } | { type: 'results'; results: ResultEnvelope[] };
