import type { StripeKind } from '@fireflow/protocol';

interface Setter {
  name: string;
  /** Parameter list in TypeScript, e.g. `value: number`. */
  params: string;
  doc: string;
}

interface BuilderSpec {
  type: string;
  factory: string;
  object: string;
  doc: string;
  setters: Setter[];
}

const metadata: Setter = {
  name: 'metadata',
  params: 'key: string, value: string',
  doc: 'Adds one key/value pair to the object\'s `metadata` (Stripe `metadata[key]`). Call it once per key.',
};

export const BUILDERS: Record<StripeKind, BuilderSpec> = {
  payment_intent: {
    type: 'PaymentIntentBuilder',
    factory: 'new_payment_intent',
    object: 'PaymentIntent',
    doc: 'Builds a `POST /v1/payment_intents` call. Set at least `amount` and `currency`, then `create_async()`.',
    setters: [
      { name: 'amount', params: 'value: number', doc: 'Amount to collect, in the smallest currency unit (e.g. `2000` = $20.00). Must be an integer.' },
      { name: 'currency', params: 'value: string', doc: 'Three-letter ISO currency code, lowercase (e.g. `"usd"`).' },
      { name: 'customer', params: 'id: string', doc: 'ID of the Customer this payment belongs to (`cus_…`).' },
      { name: 'description', params: 'value: string', doc: 'An arbitrary string attached to the object, shown in the Dashboard.' },
      { name: 'receipt_email', params: 'email: string', doc: 'Email address the receipt is sent to when the payment succeeds.' },
      { name: 'payment_method', params: 'id: string', doc: 'ID of the PaymentMethod to charge (`pm_…`, e.g. `"pm_card_visa"` in test mode).' },
      { name: 'confirm', params: 'value: boolean', doc: 'Confirm the intent at once on creation. Must be a boolean.' },
      {
        name: 'capture_method',
        params: 'value: "automatic" | "automatic_async" | "manual"',
        doc: 'When to capture the funds: at once (`automatic`), or later with an explicit capture (`manual`).',
      },
      { name: 'add_payment_method_type', params: 'type: string', doc: 'Adds a type to `payment_method_types` (e.g. `"card"`). Call once per type.' },
      metadata,
    ],
  },
  product: {
    type: 'ProductBuilder',
    factory: 'new_product',
    object: 'Product',
    doc: 'Builds a `POST /v1/products` call. Set at least `name`, then `create_async()`.',
    setters: [
      { name: 'name', params: 'value: string', doc: 'The product\'s name, shown to customers.' },
      { name: 'description', params: 'value: string', doc: 'The product\'s description, shown to customers.' },
      { name: 'active', params: 'value: boolean', doc: 'Whether the product can be bought. Must be a boolean.' },
      metadata,
    ],
  },
  price: {
    type: 'PriceBuilder',
    factory: 'new_price',
    object: 'Price',
    doc: 'Builds a `POST /v1/prices` call. Set `currency`, `unit_amount` and a `product` (or `set("product_data", …)`).',
    setters: [
      { name: 'product', params: 'id: string', doc: 'ID of the Product this price belongs to (`prod_…`).' },
      { name: 'unit_amount', params: 'value: number', doc: 'Price per unit in the smallest currency unit. Must be an integer.' },
      { name: 'currency', params: 'value: string', doc: 'Three-letter ISO currency code, lowercase (e.g. `"usd"`).' },
      {
        name: 'recurring',
        params: 'interval: "day" | "week" | "month" | "year", interval_count?: number',
        doc: 'Makes the price recurring: bill every `interval_count` (default 1) `interval`s.',
      },
      { name: 'nickname', params: 'value: string', doc: 'A brief description of the price, hidden from customers.' },
      { name: 'lookup_key', params: 'value: string', doc: 'A key to retrieve this price by, unique across your prices.' },
      metadata,
    ],
  },
  subscription: {
    type: 'SubscriptionBuilder',
    factory: 'new_subscription',
    object: 'Subscription',
    doc: 'Builds a `POST /v1/subscriptions` call. Set `customer` and at least one price with `add_price`.',
    setters: [
      { name: 'customer', params: 'id: string', doc: 'ID of the Customer to subscribe (`cus_…`).' },
      { name: 'add_price', params: 'price_id: string, quantity?: number', doc: 'Adds an item `{ price, quantity }` to `items`. Call once per price.' },
      { name: 'trial_period_days', params: 'days: number', doc: 'Days of free trial before the first charge. Must be an integer.' },
      { name: 'default_payment_method', params: 'id: string', doc: 'ID of the PaymentMethod used for the subscription\'s invoices.' },
      { name: 'cancel_at_period_end', params: 'value: boolean', doc: 'Cancel at the end of the current period instead of renewing. Must be a boolean.' },
      metadata,
    ],
  },
};

function builderInterface(kind: StripeKind): string {
  const spec = BUILDERS[kind];
  const setters = spec.setters
    .map((s) => `  /** ${s.doc}\n   * @returns this builder, for chaining. */\n  ${s.name}(${s.params}): ${spec.type};`)
    .join('\n');
  return `/** ${spec.doc} */
interface ${spec.type} {
${setters}
  /**
   * Sets any other Stripe parameter of \`POST ${pathOf(kind)}\`. Nested objects and arrays are allowed.
   * @example set("statement_descriptor", "FIREFLOW")
   */
  set(param: string, value: unknown): ${spec.type};
  /** Picks which wired ${spec.object} node handles the call when this script is wired to several. */
  node(id: string): ${spec.type};
  /**
   * Records the create call and returns at once — the script never waits on Stripe. When Stripe answers, the
   * script on the node's **response** port runs with \`parsed_data\` (or the **error** port with \`parsed_error\`).
   * @param worker_id queue that runs the response/error script (default: this execution's worker)
   * @param context_id context carried to it (default: this execution's context)
   * @param secret API key: \`secret("NAME")\` (default \`secret("STRIPE_SECRET_KEY")\`) or a literal, which is redacted
   * @returns \`"${kind}_request_dispatched"\`
   */
  create_async(worker_id?: string, context_id?: string, secret?: SecretRef | string): "${kind}_request_dispatched";
  /** Alias of {@link ${spec.type}.create_async}. */
  create(worker_id?: string, context_id?: string, secret?: SecretRef | string): "${kind}_request_dispatched";
}

/** ${spec.doc}
 * @example ${exampleOf(kind)} */
declare function ${spec.factory}(): ${spec.type};`;
}

const PATHS: Record<StripeKind, string> = {
  payment_intent: '/v1/payment_intents',
  product: '/v1/products',
  price: '/v1/prices',
  subscription: '/v1/subscriptions',
};
const pathOf = (kind: StripeKind) => PATHS[kind];

const EXAMPLES: Record<StripeKind, string> = {
  payment_intent: 'new_payment_intent().amount(2000).currency("usd").create_async()',
  product: 'new_product().name("T-shirt").create_async()',
  price: 'new_price().product("prod_123").unit_amount(1500).currency("usd").recurring("month").create_async()',
  subscription: 'new_subscription().customer("cus_123").add_price("price_123").create_async()',
};
const exampleOf = (kind: StripeKind) => EXAMPLES[kind];

export function builderDeclarations(): string {
  return (Object.keys(BUILDERS) as StripeKind[]).map(builderInterface).join('\n\n');
}
