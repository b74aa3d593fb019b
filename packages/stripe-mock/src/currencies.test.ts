import { describe, expect, it } from 'vitest';
import { checkChargeAmount, checkCurrency } from './currencies.ts';

describe('currencies', () => {
  it('accepts upper case and answers lower case', () => {
    expect(checkCurrency('USD')).toBe('usd');
  });

  it('names the supported list for an unknown currency', () => {
    expect(() => checkCurrency('xyz')).toThrow(
      /^Invalid currency: xyz\. Stripe currently supports these currencies: usd, aed, /,
    );
  });

  it("applies Stripe's charge minimums and maximum", () => {
    expect(() => checkChargeAmount(0, 'usd')).toThrow('This value must be greater than or equal to 1.');
    expect(() => checkChargeAmount(49, 'usd')).toThrow('Amount must be at least $0.50 usd');
    expect(() => checkChargeAmount(20, 'jpy')).toThrow('Amount must be at least ¥50 jpy');
    expect(() => checkChargeAmount(100_000_000, 'usd')).toThrow('Amount must be no more than $999,999.99');
    expect(() => checkChargeAmount(50, 'usd')).not.toThrow();
    expect(() => checkChargeAmount(1, 'inr')).not.toThrow();
  });
});
