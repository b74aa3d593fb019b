import { describe, expect, it } from 'vitest';
import { SPEC_SUBSET } from '../spec.ts';
import { get, post, useMock } from '../testing.ts';

const env = useMock();

describe('/v1/customers', () => {
  it('creates a customer with every fixture field and retrieves it', async () => {
    const created = await post(env.url, '/v1/customers', {
      name: 'Jenny Rosen',
      email: 'jenny@example.com',
      phone: '+15555550100',
      description: 'VIP',
      payment_method: 'pm_card_visa',
      'metadata[plan]': 'gold',
    });
    expect(created.status).toBe(200);
    expect(Object.keys(created.json).sort()).toEqual(Object.keys(SPEC_SUBSET.resources.customer.fixture).sort());
    expect(created.json).toMatchObject({
      object: 'customer',
      name: 'Jenny Rosen',
      email: 'jenny@example.com',
      phone: '+15555550100',
      description: 'VIP',
      metadata: { plan: 'gold' },
      livemode: false,
    });
    expect(created.json.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    const retrieved = await get(env.url, `/v1/customers/${created.json.id}`);
    expect(retrieved.json).toEqual(created.json);
  });

  it('creates an empty customer, since every param is optional', async () => {
    const { status, json } = await post(env.url, '/v1/customers', {});
    expect(status).toBe(200);
    expect(json).toMatchObject({ object: 'customer', name: null, email: null, metadata: {} });
  });

  it('validates params from the spec', async () => {
    expect((await post(env.url, '/v1/customers', { colour: 'red' })).json.error).toMatchObject({
      code: 'parameter_unknown',
      param: 'colour',
    });
    expect((await post(env.url, '/v1/customers', { tax_exempt: 'sometimes' })).json.error).toMatchObject({
      param: 'tax_exempt',
    });
  });

  it('refuses a payment method that does not exist', async () => {
    const { status, json } = await post(env.url, '/v1/customers', { payment_method: 'nope' });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 'resource_missing', param: 'payment_method' });
  });

  it('answers 404 for an unknown customer', async () => {
    const { status, json } = await get(env.url, '/v1/customers/cus_missing');
    expect(status).toBe(404);
    expect(json.error).toMatchObject({ code: 'resource_missing', param: 'customer' });
  });
});
