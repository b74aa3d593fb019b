import { checkChargeAmount, checkCurrency } from '../currencies.ts';
import { errors, StripeMockError } from '../errors.ts';
import { newId, randomText } from '../ids.ts';
import type { Params } from '../validate/compile.ts';
import { checkCustomer } from './customers.ts';
import { objectTemplate, orNull, type CreateHandler, type StripeObject } from './object-template.ts';
import { lookupTestCard, type CardDecline, type TestCard } from './test-cards.ts';

const FRESH = {
  amount_capturable: 0,
  amount_received: 0,
  canceled_at: null,
  cancellation_reason: null,
  last_payment_error: null,
  latest_charge: null,
  next_action: null,
  payment_method: null,
  status: 'requires_payment_method',
};

const ECHOED = [
  'application_fee_amount',
  'description',
  'on_behalf_of',
  'receipt_email',
  'setup_future_usage',
  'shipping',
  'statement_descriptor',
  'statement_descriptor_suffix',
  'transfer_data',
  'transfer_group',
] as const;

/**
 * POST /v1/payment_intents. Without `confirm` the intent waits for a payment method (or for
 * confirmation when one was given); `confirm=true` runs the test card: it succeeds (or holds the
 * funds for `capture_method=manual`), asks for 3-D Secure, or is declined with Stripe's 402.
 */
export function paymentIntentCreate(fixture: Record<string, unknown>): CreateHandler {
  const base = objectTemplate(fixture, FRESH);
  return (params, { now }) => {
    const currency = checkCurrency(String(params.currency));
    const amount = Number(params.amount);
    checkChargeAmount(amount, currency);
    const customer = checkCustomer(params.customer, 'customer');
    const id = newId.paymentIntent();
    const explicitTypes = params.payment_method_types as string[] | undefined;
    const intent: StripeObject = {
      ...base,
      id,
      amount,
      // API 2023-08-16 turns automatic payment methods on unless the caller lists the types.
      automatic_payment_methods:
        params.automatic_payment_methods ?? (explicitTypes ? null : { allow_redirects: 'always', enabled: true }),
      capture_method: params.capture_method ?? 'automatic',
      client_secret: newId.clientSecret(id),
      confirmation_method: params.confirmation_method ?? 'automatic',
      created: now,
      currency,
      customer,
      metadata: params.metadata ?? {},
      payment_method_options: params.payment_method_options ?? {},
      payment_method_types: explicitTypes ?? ['card'],
    };
    for (const field of ECHOED) intent[field] = orNull(params[field]);
    return attachAndConfirm(intent, params, now);
  };
}

function attachAndConfirm(intent: StripeObject, params: Params, now: number) {
  const paymentMethod = params.payment_method as string | undefined;
  if (paymentMethod === undefined) {
    if (params.confirm !== true) return { object: intent };
    const message =
      "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.";
    const failure = new StripeMockError(400, {
      type: 'invalid_request_error',
      code: 'payment_intent_unexpected_state',
      message,
      payment_intent: intent,
    });
    return { object: intent, failure };
  }
  const card = lookupTestCard(paymentMethod);
  if (!card) throw errors.resourceMissing('PaymentMethod', paymentMethod, 'payment_method');
  const paymentMethodId = card.alias ? newId.paymentMethod() : paymentMethod;
  intent.payment_method = paymentMethodId;
  if (params.confirm !== true) {
    intent.status = 'requires_confirmation';
    return { object: intent };
  }
  if (card.outcome === 'succeeds') {
    intent.latest_charge = newId.charge();
    if (intent.capture_method === 'manual') {
      intent.status = 'requires_capture';
      intent.amount_capturable = intent.amount;
    } else {
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
    }
    return { object: intent };
  }
  if (card.outcome === 'requires_action' && params.error_on_requires_action !== true) {
    intent.status = 'requires_action';
    const source = `src_${randomText(24)}`;
    intent.next_action = {
      type: 'use_stripe_sdk',
      use_stripe_sdk: {
        source,
        stripe_js: `https://hooks.stripe.com/redirect/authenticate/${source}`,
        type: 'three_d_secure_redirect',
      },
    };
    return { object: intent };
  }
  const decline: CardDecline =
    card.outcome === 'requires_action'
      ? {
          code: 'authentication_required',
          decline_code: 'authentication_required',
          message: 'Your card was declined. This transaction requires authentication.',
        }
      : card.outcome;
  return decline402(intent, paymentMethodObject(paymentMethodId, card, now), decline);
}

/** A declined confirmation: the intent exists (retrievable) and goes back to requires_payment_method. */
function decline402(intent: StripeObject, paymentMethod: StripeObject, decline: CardDecline) {
  const charge = newId.charge();
  const summary = { type: 'card_error' as const, charge, ...decline };
  intent.latest_charge = charge;
  intent.payment_method = null;
  intent.last_payment_error = {
    charge,
    code: decline.code,
    decline_code: decline.decline_code,
    doc_url: `https://stripe.com/docs/error-codes/${decline.code.replaceAll('_', '-')}`,
    message: decline.message,
    payment_method: paymentMethod,
    type: 'card_error',
  };
  const failure = new StripeMockError(402, { ...summary, payment_intent: intent, payment_method: paymentMethod });
  return { object: intent, failure };
}

function paymentMethodObject(id: string, card: TestCard, now: number): StripeObject {
  return {
    id,
    object: 'payment_method',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null },
      country: 'US',
      exp_month: 12,
      exp_year: new Date(now * 1000).getUTCFullYear() + 3,
      fingerprint: randomText(16),
      funding: 'credit',
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: now,
    customer: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}
