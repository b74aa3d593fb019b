import { errors } from '../errors.ts';

/**
 * The mock has no customers endpoint, so any `cus_…` id counts as an existing customer; anything
 * else is refused the way Stripe refuses an unknown customer.
 */
export function checkCustomer(value: unknown, param: string): string | null {
  if (value === undefined) return null;
  const id = String(value);
  if (!/^cus_[A-Za-z0-9]+$/.test(id)) throw errors.resourceMissing('customer', id, param);
  return id;
}
