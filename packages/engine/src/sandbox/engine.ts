import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { maxScriptStackBytes } from './limits.ts';
import { compileQuickJS, heapBytesOf, loadQuickJS, type CompiledQuickJS } from './quickjs.ts';
import { createRealm, memoryUsed, type RealmOptions } from './realm.ts';
import { createSeedSource, runScript, type RealmState } from './run-script.ts';
import type { ScriptResult, ScriptTask } from './types.ts';
import { createWatchdog } from './watchdog.ts';

/**
 * A heap this large is left over from a big script. Freed memory inside it would let the next script allocate
 * without growing the heap (which is when the watchdog measures), so the instance is replaced instead.
 */
const RECYCLE_HEAP_BYTES = 64 * 1024 * 1024;

/** Runs scripts on the calling thread in one shared, hardened realm, replacing it after any limit or fault. */
export interface SandboxEngine {
  run(task: ScriptTask): Promise<ScriptResult>;
  /** Replaces a spent realm now (a worker calls it when it has nothing to do), so the next run need not. */
  prepare(): Promise<void>;
  /** The realm is usable as it is: no rebuild is due before the next run. */
  readonly ready: boolean;
  /** Realms built so far (1 at start, one more after each limit, fault or recycle), and scripts compiled in them. */
  stats(): { realms: number; compiles: number };
  /** The current WASM instance (replaced with the realm). */
  readonly module: QuickJSWASMModule;
  /** The WASM heap's size and what QuickJS counts as used in it, for watching memory over many executions. */
  memory(): { heapBytes: number; usedBytes: number };
}

const WARM_UP: ScriptTask = {
  file: 'warm-up.js',
  source: 'try { new_product().name("warm").metadata("k", 1).create_async() } catch (e) {}\nprint(parsed_data.id)',
  inputs: {
    execution: {
      id: 'ex_warm',
      run_id: 'run_warm',
      context_id: 'warm',
      worker_id: 'warm',
      node_id: 'warm',
      trigger: 'response',
    },
    response_json: '{"id":"warm","object":"product"}',
  },
};

export interface EngineOptions extends RealmOptions {
  /** The compiled QuickJS binary, e.g. posted from the thread that compiled it. */
  compiled?: CompiledQuickJS;
}

/** A fresh WASM instance with one realm in it (a few ms for the instance, ~10–20 ms for the lockdown). */
async function buildRealm(compiled: CompiledQuickJS, options: RealmOptions): Promise<RealmState> {
  const module = await loadQuickJS(compiled);
  const realm = createRealm(module, options);
  const state: RealmState = {
    realm,
    watchdog: createWatchdog(module, realm.runtime, realm.context),
    cache: new Map(),
    importName: null,
    stackBytes: -1,
    memoryBytes: -1,
    spent: false,
    compiles: 0,
    nextSeed: createSeedSource(),
  };
  realm.runtime.setInterruptHandler(state.watchdog.interrupt);
  realm.runtime.setModuleLoader((name) => {
    state.importName ??= name;
    return { error: new Error(`import is not available in scripts ('${name}')`) };
  });
  return state;
}

export async function createEngine(options: EngineOptions = {}): Promise<SandboxEngine> {
  const compiled = options.compiled ?? (await compileQuickJS());
  const maxStackBytes = maxScriptStackBytes();
  let state = await buildRealm(compiled, options);
  // V8 compiles WASM functions on first use: one execution now keeps that out of the first real one's time.
  runScript(state, WARM_UP, maxStackBytes);
  let realms = 1;
  let compiles = 0;
  let rebuilding: Promise<void> | null = null;
  const due = () => state.spent || heapBytesOf(state.realm.module) > RECYCLE_HEAP_BYTES;
  // The old instance is dropped whole, never freed piecemeal: a runtime freed with jobs still queued aborts.
  const rebuild = () =>
    (rebuilding ??= buildRealm(compiled, options)
      .then((next) => {
        compiles += state.compiles;
        state = next;
        realms += 1;
      })
      .finally(() => (rebuilding = null)));
  return {
    get module() {
      return state.realm.module;
    },
    get ready() {
      return !due();
    },
    stats: () => ({ realms, compiles: compiles + state.compiles }),
    memory: () => ({ heapBytes: heapBytesOf(state.realm.module), usedBytes: memoryUsed(state.realm) }),
    run(task) {
      // No async function here: an execution that needs no rebuild should not pay for the promise machinery twice.
      if (due()) return rebuild().then(() => runScript(state, task, maxStackBytes));
      return Promise.resolve(runScript(state, task, maxStackBytes));
    },
    async prepare() {
      if (due()) await rebuild();
    },
  };
}
