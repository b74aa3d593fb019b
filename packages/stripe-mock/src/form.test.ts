import { describe, expect, it } from 'vitest';
import { StripeMockError } from './errors.ts';
import { parseForm, splitKey } from './form.ts';

describe('parseForm', () => {
  it('nests bracketed keys the way Stripe reads them', () => {
    const tree = parseForm(
      'amount=2000&metadata[order]=42&items[0][price]=price_1&items[1][price]=price_2&recurring[interval]=month',
    );
    expect(tree).toEqual({
      amount: '2000',
      metadata: { order: '42' },
      items: { 0: { price: 'price_1' }, 1: { price: 'price_2' } },
      recurring: { interval: 'month' },
    });
  });

  it('appends for empty brackets and keeps explicit indices', () => {
    expect(parseForm('payment_method_types[]=card&payment_method_types[]=link')).toEqual({
      payment_method_types: { 0: 'card', 1: 'link' },
    });
    expect(parseForm('payment_method_types[0]=card')).toEqual({ payment_method_types: { 0: 'card' } });
  });

  it('decodes percent-encoding, plus signs and encoded brackets', () => {
    expect(parseForm('description=T-shirt+%E2%9C%93&metadata%5Bnote%5D=a%26b')).toEqual({
      description: 'T-shirt ✓',
      metadata: { note: 'a&b' },
    });
  });

  it('reads a key without a value as an empty string (Stripe: unset)', () => {
    expect(parseForm('description=&metadata')).toEqual({ description: '', metadata: '' });
  });

  it('refuses a body that is not URL-encoded', () => {
    expect(() => parseForm('name=%E2%28')).toThrow(StripeMockError);
  });

  it('treats unbalanced brackets as a literal key', () => {
    expect(splitKey('a[b')).toEqual(['a[b']);
    expect(splitKey('a[b][c]')).toEqual(['a', 'b', 'c']);
  });
});
