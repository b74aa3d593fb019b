/**
 * Stripe's test payment methods (https://stripe.com/docs/testing): what confirming with each does.
 * Any other `pm_card_*` alias behaves like `pm_card_visa`; any other `pm_`/`card_`/`src_` id is
 * taken to be a working card the caller created elsewhere (the mock has no payment-method API).
 */
export interface CardDecline {
  code: string;
  decline_code: string;
  message: string;
}

export interface TestCard {
  /** A `pm_card_*` alias: Stripe answers with a freshly created `pm_…` id instead. */
  alias: boolean;
  brand: string;
  last4: string;
  outcome: 'succeeds' | 'requires_action' | CardDecline;
}

const declined = (decline_code: string, message = 'Your card was declined.', code = 'card_declined'): CardDecline => ({
  code,
  decline_code,
  message,
});

const ALIASES: Record<string, Omit<TestCard, 'alias'>> = {
  pm_card_visa: { brand: 'visa', last4: '4242', outcome: 'succeeds' },
  pm_card_visa_debit: { brand: 'visa', last4: '5556', outcome: 'succeeds' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', outcome: 'succeeds' },
  pm_card_mastercard_debit: { brand: 'mastercard', last4: '8210', outcome: 'succeeds' },
  pm_card_mastercard_prepaid: { brand: 'mastercard', last4: '5100', outcome: 'succeeds' },
  pm_card_amex: { brand: 'amex', last4: '8431', outcome: 'succeeds' },
  pm_card_discover: { brand: 'discover', last4: '1117', outcome: 'succeeds' },
  pm_card_diners: { brand: 'diners', last4: '0004', outcome: 'succeeds' },
  pm_card_jcb: { brand: 'jcb', last4: '0505', outcome: 'succeeds' },
  pm_card_unionpay: { brand: 'unionpay', last4: '0005', outcome: 'succeeds' },
  pm_card_authenticationRequired: { brand: 'visa', last4: '3184', outcome: 'requires_action' },
  pm_card_threeDSecure2Required: { brand: 'visa', last4: '3220', outcome: 'requires_action' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', outcome: declined('generic_decline') },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: 'visa',
    last4: '9995',
    outcome: declined('insufficient_funds', 'Your card has insufficient funds.'),
  },
  pm_card_chargeDeclinedLostCard: { brand: 'visa', last4: '9987', outcome: declined('lost_card') },
  pm_card_chargeDeclinedStolenCard: { brand: 'visa', last4: '9979', outcome: declined('stolen_card') },
  pm_card_chargeDeclinedFraudulent: { brand: 'visa', last4: '0019', outcome: declined('fraudulent') },
  pm_card_chargeDeclinedVelocityLimitExceeded: {
    brand: 'visa',
    last4: '6975',
    outcome: declined('card_velocity_exceeded'),
  },
  pm_card_chargeDeclinedExpiredCard: {
    brand: 'visa',
    last4: '0069',
    outcome: declined('expired_card', 'Your card has expired.', 'expired_card'),
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    brand: 'visa',
    last4: '0127',
    outcome: declined('incorrect_cvc', "Your card's security code is incorrect.", 'incorrect_cvc'),
  },
  pm_card_chargeDeclinedProcessingError: {
    brand: 'visa',
    last4: '0119',
    outcome: declined(
      'processing_error',
      'An error occurred while processing your card. Try again in a little bit.',
      'processing_error',
    ),
  },
};

/** `null` when the id cannot name a payment method at all (Stripe: "No such PaymentMethod"). */
export function lookupTestCard(id: string): TestCard | null {
  const known = ALIASES[id];
  if (known) return { alias: true, ...known };
  if (id.startsWith('pm_card_')) return { alias: true, brand: 'visa', last4: '4242', outcome: 'succeeds' };
  if (/^(pm|card|src)_[A-Za-z0-9]+$/.test(id))
    return { alias: false, brand: 'visa', last4: '4242', outcome: 'succeeds' };
  return null;
}
