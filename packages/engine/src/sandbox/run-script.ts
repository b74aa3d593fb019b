import type { ExecutionError } from '@fireflow/protocol';
import type {
  Intrinsics,
  QuickJSContext,
  QuickJSHandle,
  QuickJSRuntime,
  QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { bindInputs, installApi } from './api.ts';
import { executionError } from './errors.ts';
import { drainJobs, evaluate, faultError, importLocation, readThrown } from './evaluate.ts';
import { createHost, type Host } from './host.ts';
import { createWatchdog } from './watchdog.ts';
import { createLogSink, type LogSink } from './log-sink.ts';
import { maxScriptStackBytes, resolveLimits } from './limits.ts';
import type { RecordedRequest, SandboxLimits, ScriptResult, ScriptTask } from './types.ts';

/**
 * No typed arrays: they are rarely useful in a Stripe flow, allocate outside QuickJS's memory accounting, and
 * cost a quarter of the time of creating a context.
 */
export const INTRINSICS: Intrinsics = {
  BaseObjects: true,
  Date: true,
  Eval: true,
  StringNormalize: true,
  RegExp: true,
  JSON: true,
  Proxy: true,
  MapSet: true,
  TypedArrays: false,
  Promise: true,
};

export interface RunOptions {
  /** Cap on the QuickJS stack this thread can give (see limits.ts); computed from the thread when omitted. */
  maxStackBytes?: number;
  /** Called when the WASM instance faulted: it is in an unknown state and must not be used again. */
  onFault?: (error: unknown) => void;
}

/**
 * A fresh runtime and context with the script API installed and no execution bound yet. Making one is most of an
 * execution's cost (~0.25 ms), so a worker makes the next one while it waits for work; each is used once.
 */
export interface PreparedContext {
  readonly module: QuickJSWASMModule;
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  host: Host;
  logs: LogSink;
  requests: RecordedRequest[];
  /** Set by the module loader when the script tried `import()`. */
  importName: string | null;
}

/** Makes a PreparedContext; throws if the WASM instance faults (nothing is left allocated then). */
export function prepareContext(module: QuickJSWASMModule): PreparedContext {
  const runtime = module.newRuntime();
  let context: QuickJSContext | undefined;
  let host: Host | undefined;
  try {
    const logs = createLogSink();
    const requests: RecordedRequest[] = [];
    context = runtime.newContext({ intrinsics: INTRINSICS });
    host = createHost(context);
    const prepared: PreparedContext = { module, runtime, context, host, logs, requests, importName: null };
    runtime.setModuleLoader((name) => {
      prepared.importName ??= name;
      return { error: new Error(`import is not available in scripts ('${name}')`) };
    });
    installApi(host, logs, requests);
    return prepared;
  } catch (error) {
    host?.dispose();
    context?.dispose();
    runtime.dispose();
    throw error;
  }
}

/** Frees a PreparedContext that will not run (e.g. its module is being replaced). */
export function discardContext(prepared: PreparedContext): void {
  prepared.host.dispose();
  prepared.context.dispose();
  prepared.runtime.dispose();
}

/**
 * Runs one script in a fresh QuickJS runtime and context on the calling thread — `prepared` if given (it must come
 * from the same module and never have run), else made now — and returns its logs, recorded Stripe requests and
 * outcome. Never throws for anything the script does; every handle is released in order (values, context,
 * runtime) before it returns.
 */
export function runScriptSync(
  module: QuickJSWASMModule,
  task: ScriptTask,
  options: RunOptions = {},
  prepared?: PreparedContext,
): ScriptResult {
  const started = performance.now();
  const requested = resolveLimits(task.limits);
  // The thread's native stack may allow less than asked for (see limits.ts); errors report what applied.
  const stackBytes = Math.min(requested.stackBytes, options.maxStackBytes ?? maxScriptStackBytes());
  const limits: SandboxLimits = { ...requested, stackBytes };
  let fresh: PreparedContext | undefined;
  let thrown: QuickJSHandle | null = null;
  let error: ExecutionError | null = null;
  let faulted = false;
  const fault = (cause: unknown) => {
    faulted = true;
    error ??= faultError(cause, task.file, limits);
    options.onFault?.(cause);
  };
  try {
    fresh = prepared ?? prepareContext(module);
    const { runtime, context, host } = fresh;
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(stackBytes);
    bindInputs(host, task.inputs);
    // Armed only now: setting up the API is not the script's time, and must not be interrupted halfway.
    const watchdog = createWatchdog(module, runtime, context, limits);
    runtime.setInterruptHandler(watchdog.interrupt);
    thrown = evaluate(runtime, context, task);
    drainJobs(runtime);
    const stopped = watchdog.reason();
    const importName = fresh.importName;
    if (importName !== null && !stopped) {
      const message = `import is not available in scripts ('${importName}')`;
      error = { code: 'SCRIPT_ERROR', message, file: task.file, ...importLocation(task.source) };
    } else if (thrown) error = readThrown(context, thrown, stopped, task.file, limits);
    // A promise job swallows even an interrupt (it becomes a rejection), so a stop is checked on its own.
    else if (stopped) error = executionError({ message: '' }, stopped, task.file, limits);
  } catch (cause) {
    fault(cause);
  } finally {
    // A faulted instance is in an unknown state: touching it again could abort, so it is left to be dropped.
    if (!faulted && fresh) {
      try {
        if (thrown?.alive) thrown.dispose();
        discardContext(fresh);
      } catch (cause) {
        fault(cause);
      }
    }
  }
  const logs = fresh?.logs.finish() ?? [];
  const base = { logs, requests: fresh?.requests ?? [], duration_ms: performance.now() - started };
  return error ? { ok: false, ...base, error } : { ok: true, ...base };
}
