import { describe, expect, it } from 'vitest';
import { createRedactor, redactKey, redactValue } from './redact.ts';

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
});
