import { describe, expect, it } from 'vitest';
import { DEFAULT_STRIPE_RATE, StripeRateError, resolveStripeRate } from './settings.ts';

describe('resolveStripeRate', () => {
  it('defaults to 20/s, inside Stripe test mode', () => {
    expect(resolveStripeRate(undefined, undefined)).toBe(DEFAULT_STRIPE_RATE);
    expect(resolveStripeRate(undefined, '')).toBe(20);
  });

  it('lets the flag win over the environment, and 0 or off lift the limit', () => {
    expect(resolveStripeRate('50', '10')).toBe(50);
    expect(resolveStripeRate(undefined, '10')).toBe(10);
    expect(resolveStripeRate('off', '10')).toBe(0);
    expect(resolveStripeRate('0', undefined)).toBe(0);
  });

  it('names the setting it refuses', () => {
    expect(() => resolveStripeRate('fast', undefined)).toThrow(StripeRateError);
    expect(() => resolveStripeRate(undefined, '2.5')).toThrow(/FIREFLOW_STRIPE_RATE must be a whole number/);
  });
});
