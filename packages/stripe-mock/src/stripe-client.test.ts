import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { MOCK_SECRET_KEY } from './constants.ts';
import { manualDelay, useMock } from './testing.ts';

const held = manualDelay();
const env = useMock({ delay: held.delay });
const client = (key = MOCK_SECRET_KEY) =>
  new Stripe(key, { host: '127.0.0.1', port: env.mock.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });

async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('the official stripe client against the mock', () => {
  it('creates and retrieves a payment intent', async () => {
    const stripe = client();
    const intent = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      metadata: { order: '7' },
      description: 'Tea',
    });
    expect(intent).toMatchObject({
      object: 'payment_intent',
      status: 'requires_payment_method',
      description: 'Tea',
      metadata: { order: '7' },
    });
    expect((await stripe.paymentIntents.retrieve(intent.id)).client_secret).toBe(intent.client_secret);
  });

  it('creates and retrieves a product, a price and a subscription', async () => {
    const stripe = client();
    const product = await stripe.products.create({ name: 'Plan' });
    expect((await stripe.products.retrieve(product.id)).name).toBe('Plan');
    const price = await stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 1500,
      recurring: { interval: 'month' },
    });
    expect((await stripe.prices.retrieve(price.id)).recurring?.interval).toBe('month');
    const subscription = await stripe.subscriptions.create({
      customer: 'cus_42',
      items: [{ price: price.id, quantity: 2 }],
    });
    const retrieved = await stripe.subscriptions.retrieve(subscription.id);
    expect(retrieved).toMatchObject({ status: 'active', customer: 'cus_42' });
    expect(retrieved.items.data[0]?.quantity).toBe(2);
  });

  it('raises StripeCardError for a declined card, with the decline code and the intent', async () => {
    const error = await rejection(
      client().paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
        confirm: true,
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'insufficient_funds' });
    expect(error.payment_intent?.status).toBe('requires_payment_method');
  });

  it('raises StripeInvalidRequestError for a missing param and an unknown id', async () => {
    const missing = await rejection(
      client().paymentIntents.create({ amount: 2000 } as Stripe.PaymentIntentCreateParams),
    );
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({
      code: 'parameter_missing',
      param: 'currency',
      message: 'Missing required param: currency.',
    });
    const unknown = await rejection(client().prices.retrieve('price_nope'));
    expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(unknown).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('raises StripeAuthenticationError for a key the mock does not accept', async () => {
    const error = await rejection(client('sk_live_0000000000000000').products.create({ name: 'x' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.message).toMatch(/^Invalid API Key provided: sk_live_\*+0000$/);
  });

  it('raises StripeIdempotencyError when a key is reused with other params', async () => {
    const stripe = client();
    await stripe.products.create({ name: 'Tea' }, { idempotencyKey: 'client-k1' });
    const error = await rejection(stripe.products.create({ name: 'Coffee' }, { idempotencyKey: 'client-k1' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('raises StripeRateLimitError on 429 and StripeAPIError on 500 and 409', async () => {
    env.mock.faults.enqueue({ type: '429' });
    expect(await rejection(client().products.create({ name: 'x' }))).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    env.mock.faults.enqueue({ type: '500' });
    expect(await rejection(client().products.create({ name: 'x' }))).toBeInstanceOf(Stripe.errors.StripeAPIError);
    const first = client().products.create(
      { name: 'x' },
      { idempotencyKey: 'client-busy', headers: { 'Fireflow-Mock-Latency-Ms': '1' } },
    );
    await held.arrived();
    const busy = await rejection(client().products.create({ name: 'x' }, { idempotencyKey: 'client-busy' }));
    expect(busy).toMatchObject({ statusCode: 409, code: 'idempotency_key_in_use' });
    held.releaseAll();
    expect((await first).name).toBe('x');
  });

  it('survives a dropped connection: the client retries with the same key and one object is created', async () => {
    env.mock.faults.enqueue({ type: 'drop', path: '/v1/products' });
    const product = await client().products.create({ name: 'Once' }, { idempotencyKey: 'client-drop' });
    expect(product.name).toBe('Once');
    expect(env.mock.counters().byIdempotencyKey['client-drop']).toEqual({ requests: 2, created: 1 });
  });
});
