import type { RunStatus, StripeKind } from '@fireflow/protocol';

export interface StripeKindMeta {
  label: string;
  /** Default id of a new node of this kind. */
  defaultId: string;
  /** CSS custom property holding the kind's colour. */
  color: string;
  path: string;
  objectName: string;
}

export const STRIPE_KIND_META = {
  payment_intent: {
    label: 'Payment intent',
    defaultId: 'create_payment_intent',
    color: 'var(--kind-payment-intent)',
    path: '/v1/payment_intents',
    objectName: 'PaymentIntent',
  },
  product: {
    label: 'Product',
    defaultId: 'create_product',
    color: 'var(--kind-product)',
    path: '/v1/products',
    objectName: 'Product',
  },
  price: {
    label: 'Price',
    defaultId: 'create_price',
    color: 'var(--kind-price)',
    path: '/v1/prices',
    objectName: 'Price',
  },
  subscription: {
    label: 'Subscription',
    defaultId: 'create_subscription',
    color: 'var(--kind-subscription)',
    path: '/v1/subscriptions',
    objectName: 'Subscription',
  },
  customer: {
    label: 'Customer',
    defaultId: 'create_customer',
    color: 'var(--kind-customer)',
    path: '/v1/customers',
    objectName: 'Customer',
  },
} as const satisfies Record<StripeKind, StripeKindMeta>;

export type DisplayStatus = RunStatus | 'queued' | 'retrying' | 'handled';

export const STATUS_LABEL: Record<DisplayStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  retrying: 'Retrying',
  succeeded: 'Succeeded',
  failed: 'Failed',
  handled: 'Handled',
};
