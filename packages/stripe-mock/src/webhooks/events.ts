import type { StripeObject } from '../resources/object-template.ts';
import type { ResourceKind } from '../validate/schema.ts';

const CREATED: Record<ResourceKind, string> = {
  payment_intent: 'payment_intent.created',
  product: 'product.created',
  price: 'price.created',
  customer: 'customer.created',
  subscription: 'customer.subscription.created',
};

/**
 * The event types Stripe sends after a create, in order: `<kind>.created`, then for a payment intent confirmed at
 * creation its outcome (`payment_intent.succeeded`, or `payment_intent.payment_failed` when declined).
 */
export function eventTypesAfterCreate(kind: ResourceKind, object: StripeObject, declined: boolean): string[] {
  const types = [CREATED[kind]];
  if (kind === 'payment_intent') {
    if (declined) types.push('payment_intent.payment_failed');
    else if (object.status === 'succeeded') types.push('payment_intent.succeeded');
  }
  return types;
}
