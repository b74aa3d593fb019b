import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import type { SpecSubset } from '../validate/schema.ts';
import { objectTemplate, orNull, type CreateHandler, type StripeObject } from './object-template.ts';
import { lookupTestCard } from './test-cards.ts';

/**
 * Any `cus_…` id counts as an existing customer, created here or not: flows written before the mock had
 * customers name made-up ones (`cus_customer123`). Anything else is refused the way Stripe refuses an unknown
 * customer.
 */
export function checkCustomer(value: unknown, param: string): string | null {
  if (value === undefined) return null;
  const id = String(value);
  if (!/^cus_[A-Za-z0-9]+$/.test(id)) throw errors.resourceMissing('customer', id, param);
  return id;
}

const FRESH = {
  address: null,
  balance: 0,
  currency: null,
  default_source: null,
  delinquent: false,
  discount: null,
  metadata: {},
};

const ECHOED = ['description', 'email', 'name', 'phone', 'shipping', 'address'] as const;

/** POST /v1/customers: every param is optional; `payment_method` must name a usable payment method. */
export function customerCreate(resources: SpecSubset['resources']): CreateHandler {
  const base = objectTemplate(resources.customer.fixture, FRESH);
  return (params, { now }) => {
    const paymentMethod = params.payment_method as string | undefined;
    if (paymentMethod !== undefined && !lookupTestCard(paymentMethod)) {
      throw errors.resourceMissing('PaymentMethod', paymentMethod, 'payment_method');
    }
    const customer: StripeObject = {
      ...base,
      id: newId.customer(),
      created: now,
      invoice_prefix: newId.invoicePrefix(),
    };
    for (const field of ECHOED) customer[field] = orNull(params[field]);
    if (params.metadata !== undefined) customer.metadata = params.metadata;
    if (Array.isArray(params.preferred_locales)) customer.preferred_locales = params.preferred_locales;
    if (typeof params.tax_exempt === 'string') customer.tax_exempt = params.tax_exempt;
    return { object: customer };
  };
}
