import type { FlowTemplate } from '@fireflow/protocol';
import type { IconName } from '../shared/Icon.tsx';

export interface TemplateMeta {
  label: string;
  description: string;
  icon: IconName;
  /** CSS colour of the template's Stripe kind. */
  color: string;
}

export const TEMPLATES = {
  payment_intent: {
    label: 'Payment intent',
    description: 'Charge a customer; handle the confirmed intent and a decline.',
    icon: 'card',
    color: 'var(--kind-payment-intent)',
  },
  product: {
    label: 'Product',
    description: 'Create a catalogue product and react to the result.',
    icon: 'box',
    color: 'var(--kind-product)',
  },
  price: {
    label: 'Price',
    description: 'Create a recurring or one-off price for a product.',
    icon: 'tag',
    color: 'var(--kind-price)',
  },
  subscription: {
    label: 'Subscription',
    description: 'Subscribe a customer to a price, with a trial.',
    icon: 'repeat',
    color: 'var(--kind-subscription)',
  },
  customer: {
    label: 'Customer',
    description: 'Create a customer with an email and metadata.',
    icon: 'user',
    color: 'var(--kind-customer)',
  },
  chained: {
    label: 'Chained',
    description: 'Product → price → customer → subscription, each step fired from the previous response.',
    icon: 'layout',
    color: 'var(--accent)',
  },
  blank: {
    label: 'Blank',
    description: 'Just an entry script. Build the flow from the palette.',
    icon: 'file',
    color: 'var(--kind-script)',
  },
} as const satisfies Record<FlowTemplate, TemplateMeta>;

export const TEMPLATE_ORDER: FlowTemplate[] = [
  'payment_intent',
  'product',
  'price',
  'subscription',
  'customer',
  'chained',
  'blank',
];

/** A folder-safe id from a display name: `Payment intent` → `payment-intent`. */
export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'flow'
  );
}
