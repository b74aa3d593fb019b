import type { StripeKind } from '@fireflow/protocol';

/** The type a typed setter checks: integer, string or boolean. */
export type ParamType = 'integer' | 'string' | 'boolean';

/** The typed setters of each builder, named after Stripe's own create parameters. */
export const BUILDER_PARAMS = {
  payment_intent: {
    amount: 'integer',
    currency: 'string',
    customer: 'string',
    description: 'string',
    receipt_email: 'string',
    payment_method: 'string',
    confirm: 'boolean',
    capture_method: 'string',
  },
  product: { name: 'string', description: 'string', active: 'boolean' },
  price: {
    product: 'string',
    unit_amount: 'integer',
    currency: 'string',
    nickname: 'string',
    lookup_key: 'string',
  },
  subscription: {
    customer: 'string',
    trial_period_days: 'integer',
    default_payment_method: 'string',
    cancel_at_period_end: 'boolean',
  },
} as const satisfies Record<StripeKind, Record<string, ParamType>>;

/** The type of a typed parameter of `kind`, or undefined for any other parameter. */
export function paramType(kind: StripeKind, param: string): ParamType | undefined {
  const params: Readonly<Record<string, ParamType>> = BUILDER_PARAMS[kind];
  return Object.hasOwn(params, param) ? params[param] : undefined;
}

export const TYPE_NAMES: Record<ParamType, string> = {
  integer: 'an integer',
  string: 'a string',
  boolean: 'a boolean',
};
