import { describe, expect, it } from 'vitest';
import { SPEC_SUBSET } from '../spec.ts';
import { get, post, useMock } from '../testing.ts';

const env = useMock();

describe('/v1/products', () => {
  it('creates a product with every fixture field and retrieves it', async () => {
    const created = await post(env.url, '/v1/products', {
      name: 'T-shirt',
      description: 'Gray',
      active: 'false',
      'metadata[sku]': 'T1',
      'images[]': 'https://x.test/a.png',
    });
    expect(created.status).toBe(200);
    expect(Object.keys(created.json).sort()).toEqual(Object.keys(SPEC_SUBSET.resources.product.fixture).sort());
    expect(created.json).toMatchObject({
      object: 'product',
      name: 'T-shirt',
      description: 'Gray',
      active: false,
      metadata: { sku: 'T1' },
      images: ['https://x.test/a.png'],
      default_price: null,
      livemode: false,
    });
    expect(created.json.id).toMatch(/^prod_[A-Za-z0-9]{14}$/);
    const retrieved = await get(env.url, `/v1/products/${created.json.id}`);
    expect(retrieved.json).toEqual(created.json);
  });

  it('creates the default price from default_price_data', async () => {
    const { json } = await post(env.url, '/v1/products', {
      name: 'Plan',
      'default_price_data[currency]': 'eur',
      'default_price_data[unit_amount]': '900',
    });
    const price = await get(env.url, `/v1/prices/${json.default_price}`);
    expect(price.json).toMatchObject({ product: json.id, currency: 'eur', unit_amount: 900, type: 'one_time' });
  });

  it('accepts a custom id once', async () => {
    expect((await post(env.url, '/v1/products', { id: 'tea', name: 'Tea' })).json.id).toBe('tea');
    expect((await post(env.url, '/v1/products', { id: 'tea', name: 'Tea' })).json.error).toMatchObject({
      code: 'resource_already_exists',
      param: 'id',
    });
  });

  it('requires a name and refuses unknown params', async () => {
    expect((await post(env.url, '/v1/products', {})).json.error).toMatchObject({
      code: 'parameter_missing',
      param: 'name',
    });
    expect((await post(env.url, '/v1/products', { name: 'x', colour: 'red' })).json.error).toMatchObject({
      code: 'parameter_unknown',
      param: 'colour',
    });
  });

  it('answers 404 for an unknown product', async () => {
    const { status, json } = await get(env.url, '/v1/products/prod_missing');
    expect(status).toBe(404);
    expect(json.error).toMatchObject({
      code: 'resource_missing',
      param: 'id',
      message: "No such product: 'prod_missing'",
    });
  });
});
