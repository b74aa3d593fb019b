import { errors } from '../errors.ts';
import type { Params } from '../validate/compile.ts';
import type { SpecSubset } from '../validate/schema.ts';
import { priceBuilder } from './build-price.ts';
import { productBuilder } from './build-product.ts';
import type { CreateHandler } from './object-template.ts';

/** POST /v1/products; `default_price_data` also creates that price and sets `default_price`. */
export function productCreate(resources: SpecSubset['resources']): CreateHandler {
  const buildProduct = productBuilder(resources.product.fixture);
  const buildPrice = priceBuilder(resources.price.fixture);
  return (params, { now, find }) => {
    if (typeof params.id === 'string' && find('product', params.id)) {
      throw errors.resourceExists('id', 'Product already exists.');
    }
    const product = buildProduct(params, now);
    const priceData = params.default_price_data as Params | undefined;
    if (!priceData) return { object: product };
    const price = buildPrice(priceData, product.id, now, (name) => `default_price_data[${name}]`);
    product.default_price = price.id;
    return { object: product, related: [{ kind: 'price', object: price }] };
  };
}
