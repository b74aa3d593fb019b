import { errors } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Params } from '../validate/compile.ts';
import type { SpecSubset } from '../validate/schema.ts';
import { priceBuilder, type BuildPrice } from './build-price.ts';
import { checkCustomer } from './customers.ts';
import {
  objectTemplate,
  orNull,
  type CreateContext,
  type CreateHandler,
  type CreateOutcome,
  type StripeObject,
} from './object-template.ts';
import { addInterval, type Interval } from './periods.ts';

const FRESH = {
  cancel_at: null,
  cancel_at_period_end: false,
  canceled_at: null,
  discount: null,
  ended_at: null,
  latest_invoice: null,
  next_pending_invoice_item_invoice: null,
  trial_end: null,
  trial_start: null,
};

const ECHOED = [
  'application_fee_percent',
  'billing_thresholds',
  'cancel_at',
  'days_until_due',
  'default_payment_method',
  'default_source',
  'description',
  'on_behalf_of',
  'pending_invoice_item_interval',
  'transfer_data',
] as const;

type Related = NonNullable<CreateOutcome['related']>;

/**
 * POST /v1/subscriptions. `customer` is any `cus_…` id (there is no customers endpoint); every item
 * needs an existing recurring `price` or inline `price_data`. The customer is assumed to have a
 * working default card, so a new subscription is `active` — `trialing` with a trial, `incomplete`
 * with `payment_behavior=default_incomplete`.
 */
export function subscriptionCreate(resources: SpecSubset['resources']): CreateHandler {
  const fixture = resources.subscription.fixture;
  const base = objectTemplate(fixture, FRESH);
  const itemFixture = ((fixture.items as { data?: Record<string, unknown>[] } | undefined)?.data?.[0] ?? {}) as Record<
    string,
    unknown
  >;
  const itemBase = objectTemplate(
    { ...itemFixture, object: 'subscription_item' },
    { billing_thresholds: null, metadata: {}, tax_rates: [] },
  );
  const buildPrice = priceBuilder(resources.price.fixture);
  return (params, context) => {
    const customer = checkCustomer(params.customer, 'customer');
    const rawItems = params.items as Params[] | undefined;
    if (!rawItems || rawItems.length === 0) throw errors.missingParam('items');
    const related: Related = [];
    const prices = rawItems.map((item, index) => itemPrice(item, index, context, buildPrice, related));
    const { now } = context;
    const id = newId.subscription();
    const items = rawItems.map((item, index) => ({
      ...itemBase,
      id: newId.subscriptionItem(),
      created: now,
      metadata: item.metadata ?? {},
      price: prices[index],
      quantity: item.quantity ?? 1,
      subscription: id,
    }));
    const first = prices[0]?.recurring as { interval: Interval; interval_count: number };
    const trialEnd = trialEndOf(params, now);
    const start = typeof params.backdate_start_date === 'number' ? params.backdate_start_date : now;
    const subscription: StripeObject = {
      ...base,
      id,
      automatic_tax: params.automatic_tax ?? { enabled: false },
      billing_cycle_anchor: params.billing_cycle_anchor ?? trialEnd ?? now,
      cancel_at_period_end: params.cancel_at_period_end ?? false,
      collection_method: params.collection_method ?? 'charge_automatically',
      created: now,
      currency: prices[0]?.currency,
      current_period_end: trialEnd ?? addInterval(now, first.interval, first.interval_count),
      current_period_start: now,
      customer,
      items: { object: 'list', data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
      metadata: params.metadata ?? {},
      start_date: start,
      status: trialEnd ? 'trialing' : params.payment_behavior === 'default_incomplete' ? 'incomplete' : 'active',
      trial_end: trialEnd,
      trial_settings: params.trial_settings ?? base.trial_settings,
      trial_start: trialEnd ? now : null,
    };
    for (const field of ECHOED) subscription[field] = orNull(params[field]);
    return { object: subscription, related };
  };
}

function itemPrice(
  item: Params,
  index: number,
  context: CreateContext,
  buildPrice: BuildPrice,
  related: Related,
): StripeObject {
  const param = (name: string) => `items[${index}][${name}]`;
  if (item.price !== undefined && item.price_data !== undefined)
    throw errors.exclusiveParams([param('price'), param('price_data')]);
  let price: StripeObject;
  if (item.price !== undefined) {
    const found = context.find('price', String(item.price));
    if (!found) throw errors.resourceMissing('price', String(item.price), param('price'));
    price = found;
  } else if (item.price_data !== undefined) {
    const data = item.price_data as Params;
    const productId = String(data.product);
    if (!context.find('product', productId))
      throw errors.resourceMissing('product', productId, `${param('price_data')}[product]`);
    price = buildPrice(data, productId, context.now, (name) => `${param('price_data')}[${name}]`);
    related.push({ kind: 'price', object: price });
  } else {
    throw errors.missingParam(param('price'));
  }
  if (price.type !== 'recurring') {
    throw errors.invalidState(
      'The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.',
      param('price'),
    );
  }
  return price;
}

function trialEndOf(params: Params, now: number): number | null {
  if (typeof params.trial_end === 'number') return params.trial_end;
  if (typeof params.trial_period_days === 'number' && params.trial_period_days > 0)
    return now + params.trial_period_days * 86_400;
  return null;
}
