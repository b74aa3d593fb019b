import type { CompiledQuickJS } from './quickjs.ts';
import type { ScriptResult, ScriptTask } from './types.ts';

/** What a pool worker is started with. */
export interface PoolWorkerData {
  compiled: CompiledQuickJS;
}

export interface TaskMessage {
  id: number;
  task: ScriptTask;
}

export type WorkerMessage = { type: 'ready' } | { type: 'result'; id: number; result: ScriptResult };
