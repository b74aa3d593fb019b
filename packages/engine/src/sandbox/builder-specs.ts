import { SCRIPT_BUILDERS, type SetterParamType, type StripeKind } from '@fireflow/protocol';

/** The type a typed setter checks: integer, string or boolean. */
export type ParamType = SetterParamType;

function typedSetters(kind: StripeKind): Readonly<Record<string, ParamType>> {
  const params: Record<string, ParamType> = {};
  for (const { name, check } of SCRIPT_BUILDERS[kind].setters) if (check) params[name] = check;
  return Object.freeze(params);
}

/**
 * The typed setters of each builder, named after Stripe's own create parameters — read from the script API
 * catalogue in protocol, which also feeds the editor's type declarations.
 */
export const BUILDER_PARAMS: Readonly<Record<StripeKind, Readonly<Record<string, ParamType>>>> = Object.freeze({
  payment_intent: typedSetters('payment_intent'),
  product: typedSetters('product'),
  price: typedSetters('price'),
  subscription: typedSetters('subscription'),
  customer: typedSetters('customer'),
});

/** The type of a typed parameter of `kind`, or undefined for any other parameter. */
export function paramType(kind: StripeKind, param: string): ParamType | undefined {
  const params = BUILDER_PARAMS[kind];
  return Object.hasOwn(params, param) ? params[param] : undefined;
}

export const TYPE_NAMES: Record<ParamType, string> = {
  integer: 'an integer',
  string: 'a string',
  boolean: 'a boolean',
};
