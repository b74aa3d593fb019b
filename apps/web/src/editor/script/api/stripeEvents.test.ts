import { describe, expect, it } from 'vitest';
import { eventObjectKind, eventObjectType, sampleEvent } from './stripeEvents.ts';

describe('Stripe event types', () => {
  it.each([
    ['payment_intent.succeeded', 'payment_intent', 'PaymentIntent'],
    ['customer.subscription.deleted', 'subscription', 'Subscription'],
    ['customer.created', 'customer', 'Customer'],
    ['price.updated', 'price', 'Price'],
    ['invoice.paid', null, 'Record<string, unknown>'],
  ])('%s carries a %s', (type, kind, object) => {
    expect(eventObjectKind(type)).toBe(kind);
    expect(eventObjectType(type)).toBe(object);
  });

  it('wraps a sample object as the event a webhook script gets', () => {
    expect(sampleEvent('customer.created', { id: 'cus_1' })).toMatchObject({
      object: 'event',
      type: 'customer.created',
      data: { object: { id: 'cus_1' } },
    });
  });
});
