import { errors } from '../errors.ts';
import type { Params } from '../validate/compile.ts';
import type { SpecSubset } from '../validate/schema.ts';
import { priceBuilder } from './build-price.ts';
import { productBuilder } from './build-product.ts';
import type { CreateHandler, CreateOutcome } from './object-template.ts';

/** POST /v1/prices: needs an existing `product`, or `product_data` to create one alongside. */
export function priceCreate(resources: SpecSubset['resources']): CreateHandler {
  const buildPrice = priceBuilder(resources.price.fixture);
  const buildProduct = productBuilder(resources.product.fixture);
  return (params, { now, find }) => {
    checkAmountParams(params);
    const related: NonNullable<CreateOutcome['related']> = [];
    let productId: string;
    if (params.product !== undefined) {
      if (params.product_data !== undefined) throw errors.exclusiveParams(['product', 'product_data']);
      productId = String(params.product);
      if (!find('product', productId)) throw errors.resourceMissing('product', productId, 'product');
    } else if (params.product_data !== undefined) {
      const product = buildProduct(params.product_data as Params, now);
      related.push({ kind: 'product', object: product });
      productId = product.id;
    } else {
      throw errors.missingParam('product');
    }
    return { object: buildPrice(params, productId, now, (name) => name), related };
  };
}

function checkAmountParams(params: Params): void {
  if (params.billing_scheme === 'tiered') {
    if (params.tiers === undefined) throw errors.missingParam('tiers');
    if (params.tiers_mode === undefined) throw errors.missingParam('tiers_mode');
    return;
  }
  if (params.unit_amount !== undefined && params.unit_amount_decimal !== undefined) {
    throw errors.exclusiveParams(['unit_amount', 'unit_amount_decimal']);
  }
  const given = ['unit_amount', 'unit_amount_decimal', 'custom_unit_amount'].some((name) => params[name] !== undefined);
  if (!given) throw errors.missingParam('unit_amount');
}
