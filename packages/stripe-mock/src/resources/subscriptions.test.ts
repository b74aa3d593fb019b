import { describe, expect, it } from 'vitest';
import { SPEC_SUBSET } from '../spec.ts';
import { get, post, useMock } from '../testing.ts';

const env = useMock();

async function recurringPrice(interval = 'month'): Promise<string> {
  const product = (await post(env.url, '/v1/products', { name: 'Plan' })).json.id;
  return (
    await post(env.url, '/v1/prices', {
      product,
      currency: 'usd',
      unit_amount: '1500',
      'recurring[interval]': interval,
    })
  ).json.id;
}

describe('/v1/subscriptions', () => {
  it('creates an active subscription with its items and retrieves it', async () => {
    const price = await recurringPrice();
    const created = await post(env.url, '/v1/subscriptions', {
      customer: 'cus_123',
      'items[0][price]': price,
      'items[0][quantity]': '2',
      'metadata[plan]': 'pro',
      cancel_at_period_end: 'true',
    });
    expect(created.status).toBe(200);
    expect(Object.keys(created.json).sort()).toEqual(Object.keys(SPEC_SUBSET.resources.subscription.fixture).sort());
    const sub = created.json;
    expect(sub).toMatchObject({
      object: 'subscription',
      customer: 'cus_123',
      status: 'active',
      currency: 'usd',
      metadata: { plan: 'pro' },
      cancel_at_period_end: true,
      items: {
        object: 'list',
        has_more: false,
        data: [{ object: 'subscription_item', quantity: 2, price: { id: price }, subscription: sub.id }],
      },
    });
    expect(sub.id).toMatch(/^sub_/);
    expect(sub.current_period_end).toBeGreaterThan(sub.current_period_start + 27 * 86_400);
    expect((await get(env.url, `/v1/subscriptions/${sub.id}`)).text).toBe(created.text);
  });

  it('starts trialing with trial_period_days, and incomplete with default_incomplete', async () => {
    const price = await recurringPrice('year');
    const trial = await post(env.url, '/v1/subscriptions', {
      customer: 'cus_1',
      'items[0][price]': price,
      trial_period_days: '14',
    });
    expect(trial.json).toMatchObject({ status: 'trialing', trial_end: trial.json.trial_start + 14 * 86_400 });
    const pending = await post(env.url, '/v1/subscriptions', {
      customer: 'cus_1',
      'items[0][price]': price,
      payment_behavior: 'default_incomplete',
    });
    expect(pending.json.status).toBe('incomplete');
  });

  it('creates an inline price from price_data', async () => {
    const product = (await post(env.url, '/v1/products', { name: 'Plan' })).json.id;
    const { json } = await post(env.url, '/v1/subscriptions', {
      customer: 'cus_1',
      'items[0][price_data][currency]': 'usd',
      'items[0][price_data][product]': product,
      'items[0][price_data][unit_amount]': '700',
      'items[0][price_data][recurring][interval]': 'week',
    });
    expect(json.items.data[0].price).toMatchObject({ product, unit_amount: 700, recurring: { interval: 'week' } });
  });

  it('needs a cus_ customer and items with existing recurring prices', async () => {
    const price = await recurringPrice();
    expect((await post(env.url, '/v1/subscriptions', { 'items[0][price]': price })).json.error).toMatchObject({
      code: 'parameter_missing',
      param: 'customer',
    });
    expect(
      (await post(env.url, '/v1/subscriptions', { customer: 'bob', 'items[0][price]': price })).json.error,
    ).toMatchObject({ param: 'customer', code: 'resource_missing' });
    expect((await post(env.url, '/v1/subscriptions', { customer: 'cus_1' })).json.error).toMatchObject({
      code: 'parameter_missing',
      param: 'items',
    });
    expect(
      (await post(env.url, '/v1/subscriptions', { customer: 'cus_1', 'items[0][price]': 'price_nope' })).json.error,
    ).toMatchObject({
      param: 'items[0][price]',
      message: "No such price: 'price_nope'",
    });
    const product = (await post(env.url, '/v1/products', { name: 'One-off' })).json.id;
    const oneTime = (await post(env.url, '/v1/prices', { product, currency: 'usd', unit_amount: '1' })).json.id;
    expect(
      (await post(env.url, '/v1/subscriptions', { customer: 'cus_1', 'items[0][price]': oneTime })).json.error.message,
    ).toMatch(/type=recurring/);
  });

  it('answers 404 for an unknown subscription', async () => {
    const { status, json } = await get(env.url, '/v1/subscriptions/sub_missing');
    expect(status).toBe(404);
    expect(json.error).toMatchObject({
      code: 'resource_missing',
      param: 'id',
      message: "No such subscription: 'sub_missing'",
    });
  });
});
