import type { ExecutionError } from '@fireflow/protocol';
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import { executionError, thrownValue, type StopReason } from './errors.ts';
import type { SandboxLimits, ScriptTask } from './types.ts';

/** Where `import(...)` appears in the source, for the error location (QuickJS reports none for it). */
export function importLocation(source: string): { line: number; column: number } {
  const index = /\bimport\s*\(/.exec(source)?.index;
  if (index === undefined) return { line: 0, column: 0 };
  const before = source.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** What went wrong in the host (not in the script): a V8 stack overflow inside QuickJS, or a WASM abort. */
export function faultError(error: unknown, file: string, limits: SandboxLimits): ExecutionError {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return executionError({ message: error.message }, 'stack', file, limits);
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `sandbox failure: ${message}`, file, line: 0, column: 0 };
}

/**
 * Runs the script, then the promise jobs it queued. Returns what it threw (the caller disposes it), including
 * the rejection of a promise the script ends with, so `async function main() {…} main()` fails like it reads.
 */
export function evaluate(runtime: QuickJSRuntime, context: QuickJSContext, task: ScriptTask): QuickJSHandle | null {
  const result = context.evalCode(task.source, task.file, { type: 'global' });
  if (result.error) return result.error;
  try {
    // Asked first: running the (usually empty) job queue costs more than the rest of a tiny script.
    if (runtime.hasPendingJob()) {
      const jobs = runtime.executePendingJobs();
      if (jobs.error) return jobs.error;
    }
    if (context.typeof(result.value) !== 'object') return null;
    const state = context.getPromiseState(result.value);
    if (state.type === 'rejected') return state.error;
    if (state.type === 'fulfilled' && !state.notAPromise) state.value.dispose();
    return null;
  } finally {
    result.value.dispose();
  }
}

/** Max rounds of draining leftover jobs; each round fails at once because the interrupt handler still fires. */
const MAX_DRAIN_ROUNDS = 100_000;

/**
 * Jobs left queued when a job failed or was interrupted. Freeing a runtime with jobs still queued can abort
 * QuickJS (objects left on its GC list), so they are run to completion; once stopped, each fails immediately.
 */
export function drainJobs(runtime: QuickJSRuntime): void {
  for (let round = 0; runtime.hasPendingJob(); round += 1) {
    if (round === MAX_DRAIN_ROUNDS) throw new Error('promise jobs kept queueing after the script stopped');
    runtime.executePendingJobs().error?.dispose();
  }
}

/** The execution error for what the script threw (read defensively: reading can fail after a limit). */
export function readThrown(
  context: QuickJSContext,
  thrown: QuickJSHandle,
  stop: StopReason,
  file: string,
  limits: SandboxLimits,
): ExecutionError {
  let dumped: unknown;
  try {
    dumped = context.dump(thrown);
  } catch {
    dumped = { message: 'the thrown value could not be read' };
  }
  return executionError(thrownValue(dumped), stop, file, limits);
}
