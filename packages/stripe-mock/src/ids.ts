const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Random base-62 text. Ids only need to be unique within one mock, and a payment intent takes four
 * of them, so this uses Math.random (several times cheaper than node:crypto per id, no shared pool).
 */
export function randomText(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(Math.random() * 62)];
  return out;
}

/** Stripe-shaped ids: `pi_3Nnlp…` (24 characters after the prefix) or `prod_Oaxlh…` (14). */
export const newId = {
  paymentIntent: () => `pi_${randomText(24)}`,
  product: () => `prod_${randomText(14)}`,
  price: () => `price_${randomText(24)}`,
  subscription: () => `sub_${randomText(24)}`,
  customer: () => `cus_${randomText(14)}`,
  invoicePrefix: () => randomText(8).toUpperCase(),
  subscriptionItem: () => `si_${randomText(14)}`,
  charge: () => `ch_${randomText(24)}`,
  paymentMethod: () => `pm_${randomText(24)}`,
  request: () => `req_${randomText(14)}`,
  clientSecret: (paymentIntentId: string) => `${paymentIntentId}_secret_${randomText(25)}`,
};
