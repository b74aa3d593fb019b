import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

/** The parts of quickjs-emscripten-core 0.32's context used here (the version is pinned in package.json). */
interface ContextInternals {
  ctx: { value: number };
  ffi: {
    QTS_NewString(ctx: number, utf8: number): number;
    QTS_Call(ctx: number, fn: number, self: number, argc: number, argv: number): number;
    QTS_ResolveException(ctx: number, value: number): number;
    QTS_GetString(ctx: number, value: number): number;
    QTS_FreeCString(ctx: number, utf8: number): void;
    QTS_FreeValuePointer(ctx: number, value: number): void;
  };
  memory: {
    module: {
      _malloc(bytes: number): number;
      _free(pointer: number): void;
      HEAPU8: Uint8Array;
      UTF8ToString(pointer: number): string;
    };
    heapValueHandle(pointer: number): QuickJSHandle;
  };
  undefined: QuickJSHandle;
}

/** A value in the realm, by its pointer; 0 stands for `undefined`. */
export type RealmValue = number;

/**
 * The calls an execution makes into its realm, straight through quickjs-emscripten's FFI rather than its handle
 * layer (which allocates a lifetime object per value and copies strings with JavaScript loops): a string in, a
 * function called with values, its result read as a string.
 */
export interface RealmCalls {
  /** A string value; `release` it after use. Like context.newString, it ends at a U+0000. */
  string(text: string): RealmValue;
  release(value: RealmValue): void;
  /** Calls `fn` with `args`; what it returned, read as a string, or what it threw. */
  callForText(fn: QuickJSHandle, args: readonly RealmValue[]): { text: string } | { thrown: QuickJSHandle };
}

const MAX_ARGS = 16;
const encoder = new TextEncoder();

export function realmCalls(context: QuickJSContext): RealmCalls {
  const { ctx, ffi, memory, undefined: undefinedHandle } = context as unknown as ContextInternals;
  const { module } = memory;
  const malloc = (bytes: number): number => {
    const pointer = module._malloc(bytes);
    if (pointer === 0) throw new RangeError('out of memory passing a value into the sandbox');
    return pointer;
  };
  // The argument list is kept for the realm's life; it goes with the WASM instance.
  const argv = malloc(MAX_ARGS * 4);
  let slots = new Int32Array(module.HEAPU8.buffer, argv, MAX_ARGS);
  return {
    string(text) {
      // UTF-8 takes at most 3 bytes per UTF-16 unit, plus the terminating NUL.
      const capacity = text.length * 3 + 1;
      const pointer = malloc(capacity);
      try {
        const heap = module.HEAPU8; // read after malloc: growing the heap replaces the view
        const { written } = encoder.encodeInto(text, heap.subarray(pointer, pointer + capacity - 1));
        heap[pointer + written] = 0;
        return ffi.QTS_NewString(ctx.value, pointer);
      } finally {
        module._free(pointer);
      }
    },
    release(value) {
      if (value !== 0) ffi.QTS_FreeValuePointer(ctx.value, value);
    },
    callForText(fn, args) {
      if (args.length > MAX_ARGS) throw new RangeError(`at most ${MAX_ARGS} arguments`);
      // Growing the heap replaces its buffer, and the view with it.
      if (slots.buffer !== module.HEAPU8.buffer) slots = new Int32Array(module.HEAPU8.buffer, argv, MAX_ARGS);
      args.forEach((value, i) => (slots[i] = value === 0 ? undefinedHandle.value : value));
      const result = ffi.QTS_Call(ctx.value, fn.value, undefinedHandle.value, args.length, argv);
      const thrown = ffi.QTS_ResolveException(ctx.value, result);
      if (thrown !== 0) {
        ffi.QTS_FreeValuePointer(ctx.value, result);
        return { thrown: memory.heapValueHandle(thrown) };
      }
      const utf8 = ffi.QTS_GetString(ctx.value, result);
      const text = module.UTF8ToString(utf8);
      ffi.QTS_FreeCString(ctx.value, utf8);
      ffi.QTS_FreeValuePointer(ctx.value, result);
      return { text };
    },
  };
}
