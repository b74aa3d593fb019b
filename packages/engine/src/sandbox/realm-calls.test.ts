import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuickJS } from './quickjs.ts';
import { realmCalls, type RealmCalls } from './realm-calls.ts';

let context: QuickJSContext;
let calls: RealmCalls;
let echo: QuickJSHandle;
beforeAll(async () => {
  context = (await loadQuickJS()).newRuntime().newContext();
  calls = realmCalls(context);
  echo = context.unwrapResult(context.evalCode('(function (...args) { return args.map(String).join("|") })'));
});

/** A string passed in and read back out through a realm function. */
function roundTrip(text: string): string {
  const value = calls.string(text);
  const result = calls.callForText(echo, [value]);
  calls.release(value);
  if ('thrown' in result) throw new Error('the call threw');
  return result.text;
}

describe('realmCalls', () => {
  it.each([
    ['empty', ''],
    ['ASCII', '{"id":"pi_123","amount":2000}'],
    ['Latin-1', 'café, naïve'],
    ['the rest of the BMP', '€ 中文 ✓'],
    ['astral characters', 'a😀b𝄞'],
    ['a long text', 'x'.repeat(100_000)],
  ])('passes strings in and out unchanged: %s', (_, text) => {
    expect(roundTrip(text)).toBe(text);
  });

  it('turns a lone surrogate into U+FFFD, one for one', () => {
    expect(roundTrip('a\ud800b\udc00')).toBe('a\ufffdb\ufffd');
  });

  it('passes 0 as undefined, and arguments in order', () => {
    const [a, b] = [calls.string('a'), calls.string('b')];
    expect(calls.callForText(echo, [a, 0, b])).toEqual({ text: 'a|undefined|b' });
    [a, b].forEach(calls.release);
  });

  it('returns what the function threw, as a handle', () => {
    const thrower = context.unwrapResult(context.evalCode('(function () { throw new TypeError("no") })'));
    const result = calls.callForText(thrower, []);
    expect('thrown' in result && context.dump(result.thrown)).toMatchObject({ name: 'TypeError', message: 'no' });
    if ('thrown' in result) result.thrown.dispose();
    thrower.dispose();
  });
});
