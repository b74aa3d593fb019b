import { z } from 'zod';

export const STRIPE_KINDS = ['payment_intent', 'product', 'price', 'subscription', 'customer'] as const;
export const StripeKind = z.enum(STRIPE_KINDS);
export type StripeKind = z.infer<typeof StripeKind>;

/** REST path of each kind's create endpoint (POST) and retrieve endpoint (GET `${path}/:id`). */
export const STRIPE_KIND_PATH = {
  payment_intent: '/v1/payment_intents',
  product: '/v1/products',
  price: '/v1/prices',
  subscription: '/v1/subscriptions',
  customer: '/v1/customers',
} as const satisfies Record<StripeKind, string>;
