import { newId } from '../ids.ts';
import type { Params } from '../validate/compile.ts';
import { objectTemplate, orNull, type StripeObject } from './object-template.ts';

const FRESH = { active: true, default_price: null, features: [], images: [], metadata: {} };

const ECHOED = [
  'description',
  'package_dimensions',
  'shippable',
  'statement_descriptor',
  'tax_code',
  'unit_label',
  'url',
] as const;

/** A product object from POST /v1/products params or a price's `product_data`. */
export function productBuilder(fixture: Record<string, unknown>): (fields: Params, now: number) => StripeObject {
  const base = objectTemplate(fixture, FRESH);
  return (fields, now) => {
    const product: StripeObject = {
      ...base,
      id: typeof fields.id === 'string' ? fields.id : newId.product(),
      created: now,
      name: fields.name,
      updated: now,
    };
    for (const field of ['active', 'features', 'images', 'metadata'] as const) {
      if (fields[field] !== undefined) product[field] = fields[field];
    }
    for (const field of ECHOED) product[field] = orNull(fields[field]);
    return product;
  };
}
