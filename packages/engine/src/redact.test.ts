import { describe, expect, it } from 'vitest';
import { createRedactor, parseRedacted, redactKey, redactValue } from './redact.ts';

describe('redaction', () => {
  it('keeps the prefix and the last four characters of a key', () => {
    expect(redactKey('sk_test_51Habcdefghijklmnwxyz')).toBe('sk_test_…wxyz');
  });

  it('redacts Stripe-shaped keys and known secret values anywhere in text', () => {
    const redact = createRedactor(['my-own-secret-value']);
    expect(redact('key sk_live_abcdef123456 and my-own-secret-value!')).toBe('key sk_live_…3456 and …alue!');
  });

  it('redacts string leaves of nested values', () => {
    const redact = createRedactor([]);
    expect(redactValue({ a: ['sk_test_abcdefgh9999'], n: 1 }, redact)).toEqual({ a: ['sk_test_…9999'], n: 1 });
  });

  describe('parseRedacted', () => {
    const redact = createRedactor(['my-own-secret-value']);

    it('parses text with nothing to redact into the same value', () => {
      const text = '{"id":"prod_1","metadata":{"sku":"tee-001"},"images":[],"n":1,"u":null}';
      expect(parseRedacted(text, redact)).toEqual(JSON.parse(text));
    });

    it('redacts keys and secret values in string leaves, nested or not', () => {
      const text = '{"a":["sk_test_abcdefgh9999"],"b":{"c":"x my-own-secret-value"},"n":1}';
      expect(parseRedacted(text, redact)).toEqual({ a: ['sk_test_…9999'], b: { c: 'x …alue' }, n: 1 });
    });

    it('redacts a key spelled with escapes, which the text does not show as it is', () => {
      expect(parseRedacted('{"a":"sk_test_\\u0061bcdefgh9999","b":"my-own-secret-v\\u0061lue"}', redact)).toEqual({
        a: 'sk_test_…9999',
        b: '…alue',
      });
    });

    it('leaves object keys as they are, like redactValue', () => {
      expect(parseRedacted('{"sk_test_abcdefgh9999":1}', redact)).toEqual({ sk_test_abcdefgh9999: 1 });
    });

    it('throws on text that is not JSON', () => {
      expect(() => parseRedacted('<html>', redact)).toThrow(SyntaxError);
    });
  });
});
