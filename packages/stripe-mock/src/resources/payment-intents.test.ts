import { describe, expect, it } from 'vitest';
import { SPEC_SUBSET } from '../spec.ts';
import { get, post, useMock } from '../testing.ts';

const env = useMock();
const create = (params: Record<string, string>) =>
  post(env.url, '/v1/payment_intents', { amount: '2000', currency: 'usd', ...params });

describe('POST /v1/payment_intents', () => {
  it('creates an intent with every fixture field, echoing what was sent', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { status, json } = await create({
      'metadata[order]': '42',
      customer: 'cus_123',
      description: 'Tea',
      receipt_email: 'a@b.co',
    });
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(Object.keys(SPEC_SUBSET.resources.payment_intent.fixture).sort());
    expect(json).toMatchObject({
      object: 'payment_intent',
      livemode: false,
      amount: 2000,
      currency: 'usd',
      customer: 'cus_123',
      description: 'Tea',
      receipt_email: 'a@b.co',
      metadata: { order: '42' },
      status: 'requires_payment_method',
      payment_method_types: ['card'],
      canceled_at: null,
    });
    expect(json.id).toMatch(/^pi_[A-Za-z0-9]{24}$/);
    expect(json.client_secret).toMatch(new RegExp(`^${json.id}_secret_[A-Za-z0-9]+$`));
    expect(json.created).toBeGreaterThanOrEqual(before);
  });

  it('waits for confirmation when given a payment method without confirm', async () => {
    const { json } = await create({ payment_method: 'pm_card_visa', 'payment_method_types[]': 'card' });
    expect(json).toMatchObject({ status: 'requires_confirmation', automatic_payment_methods: null });
    expect(json.payment_method).toMatch(/^pm_[A-Za-z0-9]{24}$/);
  });

  it('succeeds with confirm=true and a success card', async () => {
    const { json } = await create({ payment_method: 'pm_card_mastercard', confirm: 'true' });
    expect(json).toMatchObject({ status: 'succeeded', amount_received: 2000 });
    expect(json.latest_charge).toMatch(/^ch_/);
  });

  it('holds the funds with capture_method=manual', async () => {
    const { json } = await create({ payment_method: 'pm_card_visa', confirm: 'true', capture_method: 'manual' });
    expect(json).toMatchObject({ status: 'requires_capture', amount_capturable: 2000, amount_received: 0 });
  });

  it('asks for 3-D Secure with an authentication card', async () => {
    const { json } = await create({ payment_method: 'pm_card_authenticationRequired', confirm: 'true' });
    expect(json).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
  });

  it('declines pm_card_chargeDeclined with a 402 card_error that carries the intent', async () => {
    const { status, json } = await create({ payment_method: 'pm_card_chargeDeclined', confirm: 'true' });
    expect(status).toBe(402);
    expect(json.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
      payment_intent: {
        object: 'payment_intent',
        status: 'requires_payment_method',
        last_payment_error: { decline_code: 'generic_decline' },
      },
    });
    const retrieved = await get(env.url, `/v1/payment_intents/${json.error.payment_intent.id}`);
    expect(retrieved.json.last_payment_error.code).toBe('card_declined');
  });

  it('declines insufficient funds with its own decline code and message', async () => {
    const { status, json } = await create({
      payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
      confirm: 'true',
    });
    expect(status).toBe(402);
    expect(json.error).toMatchObject({
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    });
  });

  it('refuses confirm=true without a payment method, and unknown payment methods', async () => {
    expect((await create({ confirm: 'true' })).json.error).toMatchObject({ code: 'payment_intent_unexpected_state' });
    expect((await create({ payment_method: 'visa' })).json.error).toMatchObject({
      code: 'resource_missing',
      param: 'payment_method',
      message: "No such PaymentMethod: 'visa'",
    });
  });

  it('refuses a bad currency, amount or customer', async () => {
    expect((await create({ currency: 'xyz' })).json.error.message).toMatch(/^Invalid currency: xyz\./);
    expect((await create({ amount: '10' })).json.error).toMatchObject({
      code: 'amount_too_small',
      message: 'Amount must be at least $0.50 usd',
    });
    expect((await create({ customer: 'alice' })).json.error).toMatchObject({
      code: 'resource_missing',
      message: "No such customer: 'alice'",
    });
  });
});

describe('GET /v1/payment_intents/:id', () => {
  it('returns the object the create made', async () => {
    const created = await create({});
    const retrieved = await get(env.url, `/v1/payment_intents/${created.json.id}`);
    expect(retrieved.status).toBe(200);
    expect(retrieved.text).toBe(created.text);
  });

  it("answers 404 resource_missing in Stripe's shape for an unknown id", async () => {
    const { status, json } = await get(env.url, '/v1/payment_intents/pi_missing');
    expect(status).toBe(404);
    expect(json).toEqual({
      error: {
        code: 'resource_missing',
        doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
        message: "No such payment_intent: 'pi_missing'",
        param: 'intent',
        type: 'invalid_request_error',
      },
    });
  });
});
