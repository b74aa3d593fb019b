import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base-62 text; the modulo bias is irrelevant for ids that only need to be unique. */
export function randomText(length: number): string {
  const bytes = randomFillSync(Buffer.allocUnsafe(length));
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 62];
  return out;
}

/** Stripe-shaped ids: `pi_3Nnlp…` (24 characters after the prefix) or `prod_Oaxlh…` (14). */
export const newId = {
  paymentIntent: () => `pi_${randomText(24)}`,
  product: () => `prod_${randomText(14)}`,
  price: () => `price_${randomText(24)}`,
  subscription: () => `sub_${randomText(24)}`,
  subscriptionItem: () => `si_${randomText(14)}`,
  charge: () => `ch_${randomText(24)}`,
  paymentMethod: () => `pm_${randomText(24)}`,
  request: () => `req_${randomText(14)}`,
  clientSecret: (paymentIntentId: string) => `${paymentIntentId}_secret_${randomText(25)}`,
};
