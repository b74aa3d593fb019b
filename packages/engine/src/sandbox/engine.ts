import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { maxScriptStackBytes } from './limits.ts';
import { compileQuickJS, heapBytesOf, loadQuickJS, type CompiledQuickJS } from './quickjs.ts';
import { runScriptSync } from './run-script.ts';
import type { ScriptResult, ScriptTask } from './types.ts';

/**
 * A heap this large is left over from a big script. Freed memory inside it would let the next script allocate
 * without growing the heap (which is when the watchdog measures), so the instance is replaced instead.
 */
const RECYCLE_HEAP_BYTES = 64 * 1024 * 1024;

/** Runs scripts on the calling thread, one WASM instance at a time, replacing it when it is spent. */
export interface SandboxEngine {
  run(task: ScriptTask): Promise<ScriptResult>;
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
  const onFault = () => {
    spent = true;
  };
  const reload = async () => {
    module = await loadQuickJS(compiled);
    spent = false;
  };
  return {
    get module() {
      return module;
    },
    async run(task) {
      if (spent || heapBytesOf(module) > RECYCLE_HEAP_BYTES)
        await (reloading ??= reload().finally(() => (reloading = null)));
      return runScriptSync(module, task, { maxStackBytes, onFault });
    },
  };
}
