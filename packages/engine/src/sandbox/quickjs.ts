import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';

const PAGE = 65_536;
/** The build's memory import: 16 MiB initial, 2 GiB maximum. */
const INITIAL_PAGES = 256;
const MAXIMUM_PAGES = 32_768;
const GUARD = Symbol.for('fireflow.heapGuard');

/**
 * A cap on the WASM heap of one module. QuickJS's own memory limit does not count most of what it allocates in
 * this build (it undercounts by ~4x, and not at all for big strings), so the host refuses to grow the heap past
 * `capBytes`: malloc then fails inside QuickJS, which throws "out of memory" like any other allocation failure.
 */
export interface HeapGuard {
  capBytes: number;
  /** Growths refused since the counter was last reset. */
  refusals: number;
}

/** The slice of the WebAssembly API used here (the project's TS libs do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(delta: number): number;
}
type GuardedMemory = WasmMemory & { [GUARD]?: HeapGuard };
/** A compiled WebAssembly.Module; it can be posted to worker threads. */
export type CompiledQuickJS = object;
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  compile(bytes: Uint8Array): Promise<CompiledQuickJS>;
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The variant package's default export, through either ESM or CommonJS interop. */
async function releaseSyncVariant(): Promise<QuickJSSyncVariant> {
  const loaded = (await import('@jitl/quickjs-wasmfile-release-sync')) as { default: unknown };
  const inner = loaded.default as QuickJSSyncVariant & { default?: QuickJSSyncVariant };
  return inner.default ?? inner;
}

/** Compiles the QuickJS WASM binary. Compiling is the slow part of loading, so a thread compiles once. */
export async function compileQuickJS(): Promise<CompiledQuickJS> {
  const path = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
  return Wasm.compile(await readFile(path));
}

/**
 * A fresh QuickJS WASM instance (the sync release build) with its own heap and heap guard. Pass the compiled
 * module to make this fast (~ a few ms), e.g. to recycle an instance whose heap grew large.
 */
export async function loadQuickJS(compiled?: CompiledQuickJS): Promise<QuickJSWASMModule> {
  const memory: GuardedMemory = new Wasm.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES });
  const guard: HeapGuard = { capBytes: MAXIMUM_PAGES * PAGE, refusals: 0 };
  const grow = memory.grow.bind(memory);
  // Emscripten grows the heap through this method and treats a throw as "no memory".
  memory.grow = (delta: number): number => {
    if (memory.buffer.byteLength + delta * PAGE > guard.capBytes) {
      guard.refusals += 1;
      throw new RangeError('sandbox heap cap reached');
    }
    return grow(delta);
  };
  Object.defineProperty(memory, GUARD, { value: guard });
  const variant = newVariant(await releaseSyncVariant(), {
    // An abort is reported through the RuntimeError it throws; printing it too would only add noise.
    emscriptenModule: { printErr: () => undefined } as never,
    wasmMemory: memory as never,
    ...(compiled ? { wasmModule: compiled as never } : {}),
  });
  return newQuickJSWASMModuleFromVariant(variant);
}

/** The heap guard of a module made by loadQuickJS, or undefined for any other module. */
export function heapGuardOf(module: QuickJSWASMModule): HeapGuard | undefined {
  return (module.getWasmMemory() as unknown as GuardedMemory)[GUARD];
}

export function heapBytesOf(module: QuickJSWASMModule): number {
  return (module.getWasmMemory() as unknown as WasmMemory).buffer.byteLength;
}
