import type { StripeKind } from '@fireflow/protocol';
import type { IconName } from '../../shared/Icon.tsx';

export const KIND_ICON = {
  payment_intent: 'card',
  product: 'box',
  price: 'tag',
  subscription: 'repeat',
  customer: 'user',
} as const satisfies Record<StripeKind, IconName>;
