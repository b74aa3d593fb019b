import Stripe from 'stripe';
import { HttpError } from '../http/errors.ts';

/** Stripe's own default: a signature older than this is refused, which stops replays of captured deliveries. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface VerifiedEvent {
  id: string;
  type: string;
}

/**
 * Checks `Stripe-Signature` against the raw body with stripe-node's webhook helper (HMAC-SHA256, timing-safe,
 * tolerance included) and returns the event's id and type. Anything unverifiable is a 400: nothing may run.
 */
export function verifyStripeEvent(
  payload: Buffer,
  header: string | undefined,
  secret: string,
  now?: number,
): VerifiedEvent {
  if (header === undefined || header === '') {
    throw new HttpError(400, 'SIGNATURE_MISSING', 'The Stripe-Signature header is missing.');
  }
  let event: { id?: unknown; type?: unknown };
  try {
    event = Stripe.webhooks.constructEvent(
      payload,
      header,
      secret,
      SIGNATURE_TOLERANCE_SECONDS,
      undefined,
      now,
    ) as unknown as typeof event;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unverifiable';
    throw new HttpError(400, 'SIGNATURE_INVALID', `The Stripe-Signature does not verify: ${reason}`);
  }
  if (typeof event.id !== 'string' || typeof event.type !== 'string') {
    throw new HttpError(400, 'EVENT_INVALID', 'The body is not a Stripe event: it needs a string id and type.');
  }
  return { id: event.id, type: event.type };
}
