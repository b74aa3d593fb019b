import { checkCurrency } from '../currencies.ts';
import { newId } from '../ids.ts';
import type { Params } from '../validate/compile.ts';
import { objectTemplate, orNull, type StripeObject } from './object-template.ts';

const FRESH = {
  active: true,
  billing_scheme: 'per_unit',
  custom_unit_amount: null,
  lookup_key: null,
  metadata: {},
  nickname: null,
  recurring: null,
  tax_behavior: 'unspecified',
  tiers_mode: null,
  transform_quantity: null,
  type: 'one_time',
  unit_amount: null,
  unit_amount_decimal: null,
};

export type BuildPrice = (
  fields: Params,
  productId: string,
  now: number,
  param: (name: string) => string,
) => StripeObject;

/**
 * A price object from create params — shared by POST /v1/prices, a product's `default_price_data`
 * and a subscription item's `price_data`, which all take (a subset of) the same fields.
 */
export function priceBuilder(fixture: Record<string, unknown>): BuildPrice {
  const base = objectTemplate(fixture, FRESH);
  return (fields, productId, now, param) => {
    const price: StripeObject = {
      ...base,
      id: newId.price(),
      created: now,
      currency: checkCurrency(String(fields.currency), param('currency')),
      product: productId,
    };
    for (const field of [
      'active',
      'billing_scheme',
      'lookup_key',
      'metadata',
      'nickname',
      'tax_behavior',
      'tiers_mode',
    ] as const) {
      if (fields[field] !== undefined) price[field] = fields[field];
    }
    price.custom_unit_amount = orNull(fields.custom_unit_amount);
    price.transform_quantity = orNull(fields.transform_quantity);
    Object.assign(price, unitAmount(fields));
    const recurring = fields.recurring as Params | undefined;
    if (recurring) {
      price.type = 'recurring';
      price.recurring = {
        aggregate_usage: orNull(recurring.aggregate_usage),
        interval: recurring.interval,
        interval_count: recurring.interval_count ?? 1,
        usage_type: recurring.usage_type ?? 'licensed',
      };
    }
    return price;
  };
}

function unitAmount(fields: Params): { unit_amount: number | null; unit_amount_decimal: string | null } {
  if (typeof fields.unit_amount === 'number') {
    return { unit_amount: fields.unit_amount, unit_amount_decimal: String(fields.unit_amount) };
  }
  if (typeof fields.unit_amount_decimal === 'string') {
    const decimal = Number(fields.unit_amount_decimal);
    return { unit_amount: Number.isInteger(decimal) ? decimal : null, unit_amount_decimal: fields.unit_amount_decimal };
  }
  return { unit_amount: null, unit_amount_decimal: null };
}
