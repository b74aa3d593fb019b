import type { Node } from '@xyflow/react';
import { StripeKind } from '@fireflow/protocol';

const KIND_VAR = {
  payment_intent: '--kind-payment-intent',
  product: '--kind-product',
  price: '--kind-price',
  subscription: '--kind-subscription',
  customer: '--kind-customer',
} as const satisfies Record<StripeKind, string>;

/** The minimap draws SVG fills; CSS variables resolve there too. */
export function minimapColor(node: Node): string {
  if (node.type === 'webhook') return 'var(--kind-webhook)';
  if (node.type !== 'stripe') return 'var(--kind-script)';
  const kind = StripeKind.safeParse((node.data as { kind?: unknown }).kind);
  return kind.success ? `var(${KIND_VAR[kind.data]})` : 'var(--text-muted)';
}
