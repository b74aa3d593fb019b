import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

/** The parts of quickjs-emscripten-core 0.32's context used here (the version is pinned in package.json). */
interface ContextInternals {
  ctx: { value: number };
  ffi: { QTS_NewString(ctx: number, utf8: number): number };
  memory: {
    module: { _malloc(bytes: number): number; _free(pointer: number): void; HEAPU8: Uint8Array };
    heapValueHandle(pointer: number): QuickJSHandle;
  };
}

const encoder = new TextEncoder();

/**
 * `context.newString`, with the text encoded to UTF-8 by TextEncoder straight into the WASM heap instead of by
 * the library's character-by-character JavaScript loops. Like newString, the text ends at a U+0000; lone
 * surrogates become U+FFFD.
 */
export function newWasmString(context: QuickJSContext, text: string): QuickJSHandle {
  const { ctx, ffi, memory } = context as unknown as ContextInternals;
  const { module } = memory;
  // UTF-8 takes at most 3 bytes per UTF-16 unit, plus the terminating NUL.
  const capacity = text.length * 3 + 1;
  const pointer = module._malloc(capacity);
  if (pointer === 0) throw new RangeError('out of memory passing a string into the sandbox');
  try {
    const heap = module.HEAPU8; // read after malloc: growing the heap replaces the view
    const { written } = encoder.encodeInto(text, heap.subarray(pointer, pointer + capacity - 1));
    heap[pointer + written] = 0;
    return memory.heapValueHandle(ffi.QTS_NewString(ctx.value, pointer));
  } finally {
    module._free(pointer);
  }
}
