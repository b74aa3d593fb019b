import { describe, expect, it } from 'vitest';
import { encodeStripeForm } from './form.ts';

describe('encodeStripeForm', () => {
  it('encodes flat values, nested objects and arrays with bracket keys', () => {
    const form = encodeStripeForm({
      amount: 2000,
      confirm: true,
      metadata: { sku: 'tee 001', 'a&b': 'x=y' },
      items: [{ price: 'price_1', quantity: 2 }],
      payment_method_types: ['card'],
    });
    expect(form).toBe(
      'amount=2000&confirm=true&metadata[sku]=tee%20001&metadata[a%26b]=x%3Dy' +
        '&items[0][price]=price_1&items[0][quantity]=2&payment_method_types[0]=card',
    );
  });

  it('sends null as an empty value and leaves undefined out', () => {
    expect(encodeStripeForm({ description: null, name: undefined, active: false })).toBe('description=&active=false');
  });

  it('round-trips unicode and reserved characters through URLSearchParams', () => {
    const name = 'Café ☕ + 100% `${x}`';
    expect(new URLSearchParams(encodeStripeForm({ name })).get('name')).toBe(name);
  });
});
