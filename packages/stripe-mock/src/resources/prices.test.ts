import { describe, expect, it } from 'vitest';
import { SPEC_SUBSET } from '../spec.ts';
import { get, post, useMock } from '../testing.ts';

const env = useMock();
const newProduct = async () => (await post(env.url, '/v1/products', { name: 'Plan' })).json.id as string;

describe('/v1/prices', () => {
  it('creates a recurring price for an existing product and retrieves it', async () => {
    const product = await newProduct();
    const created = await post(env.url, '/v1/prices', {
      product,
      currency: 'USD',
      unit_amount: '2000',
      'recurring[interval]': 'month',
      'recurring[interval_count]': '3',
      nickname: 'Quarterly',
      lookup_key: 'quarterly',
    });
    expect(created.status).toBe(200);
    expect(Object.keys(created.json).sort()).toEqual(Object.keys(SPEC_SUBSET.resources.price.fixture).sort());
    expect(created.json).toMatchObject({
      object: 'price',
      product,
      currency: 'usd',
      unit_amount: 2000,
      unit_amount_decimal: '2000',
      type: 'recurring',
      recurring: { interval: 'month', interval_count: 3, usage_type: 'licensed', aggregate_usage: null },
      nickname: 'Quarterly',
      lookup_key: 'quarterly',
    });
    expect(created.json.id).toMatch(/^price_[A-Za-z0-9]{24}$/);
    expect((await get(env.url, `/v1/prices/${created.json.id}`)).text).toBe(created.text);
  });

  it('creates the product too from product_data', async () => {
    const { json } = await post(env.url, '/v1/prices', {
      currency: 'usd',
      unit_amount: '500',
      'product_data[name]': 'Sticker',
    });
    expect(json.type).toBe('one_time');
    expect((await get(env.url, `/v1/products/${json.product}`)).json.name).toBe('Sticker');
  });

  it('needs an existing product, or product_data, but not both', async () => {
    expect(
      (await post(env.url, '/v1/prices', { product: 'prod_nope', currency: 'usd', unit_amount: '1' })).json.error,
    ).toMatchObject({
      code: 'resource_missing',
      param: 'product',
      message: "No such product: 'prod_nope'",
    });
    expect((await post(env.url, '/v1/prices', { currency: 'usd', unit_amount: '1' })).json.error).toMatchObject({
      code: 'parameter_missing',
      param: 'product',
    });
    const both = await post(env.url, '/v1/prices', {
      product: await newProduct(),
      'product_data[name]': 'x',
      currency: 'usd',
      unit_amount: '1',
    });
    expect(both.json.error).toMatchObject({ code: 'parameters_exclusive' });
  });

  it('refuses a bad interval, a missing amount and a bad currency', async () => {
    const product = await newProduct();
    const badInterval = await post(env.url, '/v1/prices', {
      product,
      currency: 'usd',
      unit_amount: '1',
      'recurring[interval]': 'fortnight',
    });
    expect(badInterval.json.error).toEqual({
      message: 'Invalid recurring[interval]: must be one of day, month, week, or year',
      param: 'recurring[interval]',
      type: 'invalid_request_error',
    });
    expect((await post(env.url, '/v1/prices', { product, currency: 'usd' })).json.error).toMatchObject({
      param: 'unit_amount',
    });
    expect((await post(env.url, '/v1/prices', { product, currency: 'zzz', unit_amount: '1' })).json.error.param).toBe(
      'currency',
    );
  });

  it('answers 404 for an unknown price, naming the path param "price"', async () => {
    const { status, json } = await get(env.url, '/v1/prices/price_missing');
    expect(status).toBe(404);
    expect(json.error).toMatchObject({ param: 'price', message: "No such price: 'price_missing'" });
  });
});
