import type { ExecutionGlobal, SandboxLimits, ScriptInputs, ScriptResult, ScriptTask } from '../types.ts';

export const execution: ExecutionGlobal = {
  id: 'ex_1',
  run_id: 'run_1',
  context_id: 'ctx_1',
  worker_id: 'default',
  node_id: 'main',
  trigger: 'entry',
};

/** A task running `source` as `main.js` in an entry execution, with optional extra inputs and limits. */
export function task(source: string, inputs: Partial<ScriptInputs> = {}, limits?: Partial<SandboxLimits>): ScriptTask {
  return { file: 'main.js', source, inputs: { execution, ...inputs }, ...(limits ? { limits } : {}) };
}

/** The log messages of a result, in order. */
export function messages(result: ScriptResult): string[] {
  return result.logs.map((log) => log.message);
}

/** The error of a failed result; throws if it succeeded, so a test reads as `failure(result).code`. */
export function failure(result: ScriptResult) {
  if (result.ok) throw new Error(`expected a failure, got success with logs ${JSON.stringify(messages(result))}`);
  return result.error;
}
