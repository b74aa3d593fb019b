import { errors, StripeMockError } from './errors.ts';
import { SPEC_SUBSET } from './spec.ts';
import type { ResourceKind } from './validate/schema.ts';

export interface StripeSample {
  /** Stripe's published fixture of the object a create answers with. */
  response: Record<string, unknown>;
  /** An error body Stripe answers a create of this kind with, as the mock phrases it. */
  error: { error: Record<string, unknown> };
}

const SAMPLE_ERROR: Record<ResourceKind, () => StripeMockError> = {
  payment_intent: () => errors.missingParam('amount'),
  product: () => errors.missingParam('name'),
  price: () => errors.missingParam('currency'),
  subscription: () => errors.missingParam('customer'),
  // Every customer param is optional, so its likeliest refusal is a payment method that does not exist.
  customer: () => errors.resourceMissing('PaymentMethod', 'pm_missing', 'payment_method'),
};

/** Realistic inputs for a response or error script, per kind: the editor's "Run with sample data". */
export function stripeSamples(): Record<ResourceKind, StripeSample> {
  const out = {} as Record<ResourceKind, StripeSample>;
  for (const kind of Object.keys(SPEC_SUBSET.resources) as ResourceKind[]) {
    const fixture = SPEC_SUBSET.resources[kind].fixture as Record<string, unknown>;
    out[kind] = { response: structuredClone(fixture), error: SAMPLE_ERROR[kind]().toBody() };
  }
  const intent = structuredClone(SPEC_SUBSET.resources.payment_intent.fixture as Record<string, unknown>);
  out.payment_intent.error = new StripeMockError(402, {
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: 'Your card was declined.',
    charge: 'ch_3NnlpVGPxmnHQRkJ0ZKfSWTX',
    payment_intent: { ...intent, status: 'requires_payment_method' },
  }).toBody();
  return out;
}
