import type { CompiledQuickJS } from './quickjs.ts';
import type { ScriptResult, ScriptTask } from './types.ts';

/**
 * What a worker and the pool share without messages: a few float64s the worker writes as it goes and one the
 * pool writes. A busy worker cannot read messages, so this is how the pool sees a runaway script and takes back
 * the tasks queued behind it.
 */
export const SHARED = {
  /** Written by the worker: id of the task it is running, -1 between tasks. */
  current: 0,
  /** Written by the worker: when that task started, in ms since the epoch (performance.timeOrigin-based). */
  startedAt: 1,
  /** Written by the worker: that task's CPU limit in ms. */
  cpuMs: 2,
  /** Written by the worker: that task's sequence number (see TaskEnvelope.seq). */
  seq: 3,
  /** Written by the pool: tasks with a sequence number up to this were taken back; the worker skips them. */
  skipThrough: 4,
  length: 5,
} as const;

/** What a pool worker is started with. */
export interface PoolWorkerData {
  compiled: CompiledQuickJS;
  /** Float64Array of SHARED.length slots. */
  shared: SharedArrayBuffer;
}

export interface TaskEnvelope {
  id: number;
  /** Order in which this worker was handed the task: increases by one per task, whatever the task's id. */
  seq: number;
  task: ScriptTask;
}

export interface ResultEnvelope {
  id: number;
  result: ScriptResult;
}

/**
 * Tasks and results travel in batches: waking a sleeping thread costs far more than copying a message, so one
 * message per batch keeps a loaded pool from paying it per task.
 */
export interface TaskBatch {
  type: 'tasks';
  tasks: TaskEnvelope[];
}

export type WorkerMessage = { type: 'ready' } | { type: 'results'; results: ResultEnvelope[] };
