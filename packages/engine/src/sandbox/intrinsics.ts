import type { Intrinsics } from 'quickjs-emscripten-core';

/**
 * No typed arrays: they are rarely useful in a Stripe flow, allocate outside QuickJS's memory accounting, and
 * bring SharedArrayBuffer and Atomics with them.
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
