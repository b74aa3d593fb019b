import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { maxScriptStackBytes } from './limits.ts';
import { compileQuickJS, heapBytesOf, loadQuickJS, type CompiledQuickJS } from './quickjs.ts';
import { discardContext, prepareContext, runScriptSync, type PreparedContext } from './run-script.ts';
import type { ScriptResult, ScriptTask } from './types.ts';

/**
 * A heap this large is left over from a big script. Freed memory inside it would let the next script allocate
 * without growing the heap (which is when the watchdog measures), so the instance is replaced instead.
 */
const RECYCLE_HEAP_BYTES = 64 * 1024 * 1024;

/** Runs scripts on the calling thread, one WASM instance at a time, replacing it when it is spent. */
export interface SandboxEngine {
  run(task: ScriptTask): Promise<ScriptResult>;
  /**
   * Makes the next execution's runtime and context now (a worker calls it when it has nothing to do), so the
   * next run starts ~0.25 ms sooner. Does nothing if one is ready or the instance is due to be replaced.
   */
  prepare(): void;
  /** A prepared context is waiting for the next run. */
  readonly ready: boolean;
  /** The current WASM instance (replaced after a fault or a large heap). */
  readonly module: QuickJSWASMModule;
}

export interface EngineOptions {
  /** The compiled QuickJS binary, e.g. posted from the thread that compiled it. */
  compiled?: CompiledQuickJS;
}

export async function createEngine(options: EngineOptions = {}): Promise<SandboxEngine> {
  const compiled = options.compiled ?? (await compileQuickJS());
  const maxStackBytes = maxScriptStackBytes();
  let module = await loadQuickJS(compiled);
  let spent = false;
  let reloading: Promise<void> | null = null;
  let next: PreparedContext | null = null;
  const onFault = () => {
    spent = true;
  };
  const due = () => spent || heapBytesOf(module) > RECYCLE_HEAP_BYTES;
  const reload = async () => {
    // A faulted instance must not be touched again; one replaced for its heap size can free what it holds.
    if (next && !spent) discardContext(next);
    next = null;
    module = await loadQuickJS(compiled);
    spent = false;
  };
  return {
    get module() {
      return module;
    },
    get ready() {
      return next !== null;
    },
    async run(task) {
      if (due()) await (reloading ??= reload().finally(() => (reloading = null)));
      const prepared = next?.module === module ? next : undefined;
      next = null;
      return runScriptSync(module, task, { maxStackBytes, onFault }, prepared);
    },
    prepare() {
      if (next || reloading || due()) return;
      try {
        next = prepareContext(module);
      } catch {
        spent = true; // the next run replaces the instance, then makes its context itself
      }
    },
  };
}
