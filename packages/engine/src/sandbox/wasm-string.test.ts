import type { QuickJSContext } from 'quickjs-emscripten-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuickJS } from './quickjs.ts';
import { newWasmString } from './wasm-string.ts';

let context: QuickJSContext;
beforeAll(async () => {
  context = (await loadQuickJS()).newRuntime().newContext();
});

const roundTrip = (text: string) => newWasmString(context, text).consume((handle) => context.getString(handle));

describe('newWasmString', () => {
  it.each([
    ['empty', ''],
    ['ASCII', '{"id":"pi_123","amount":2000}'],
    ['Latin-1', 'café, naïve'],
    ['the rest of the BMP', '€ 中文 ✓'],
    ['astral characters', 'a😀b𝄞'],
    ['a long text', 'x'.repeat(100_000)],
  ])('makes the same string as context.newString: %s', (_, text) => {
    expect(roundTrip(text)).toBe(text);
    expect(context.newString(text).consume((handle) => context.getString(handle))).toBe(text);
  });

  it('turns a lone surrogate into U+FFFD, one for one', () => {
    expect(roundTrip('a\ud800b\udc00')).toBe('a\ufffdb\ufffd');
  });

  it('passes the string to QuickJS as a string value of the same length', () => {
    const text = 'é😀x';
    const length = context.unwrapResult(context.evalCode('(s) => s.length'));
    const handle = newWasmString(context, text);
    const result = context.unwrapResult(context.callFunction(length, context.undefined, handle));
    expect(context.getNumber(result)).toBe(text.length);
    for (const each of [length, handle, result]) each.dispose();
  });
});
