import { STRIPE_KIND_PATH, type StripeKind } from './stripe-kind.ts';

/**
 * The builders of the script API (SPEC §2), described once: the sandbox derives its typed setters from this
 * catalogue and the web editor its `.d.ts` and hover docs, so the two cannot drift apart.
 */

/** What a typed setter checks its one argument against at run time. */
export type SetterParamType = 'integer' | 'string' | 'boolean';

/** A chainable setter: it returns the builder. */
export interface ScriptSetter {
  readonly name: string;
  /**
   * Set for a typed setter, which stores its one argument under its own name once it has this type.
   * Absent for a special setter (`metadata`, `recurring`, …), whose sandbox method is written by hand.
   */
  readonly check?: SetterParamType;
  /** Parameter list in TypeScript, e.g. `value: number`. */
  readonly params: string;
  /** Markdown, one line. */
  readonly doc: string;
}

/** A method every builder has (`set`, `node`, `create_async`, `create`), as it reads for one kind. */
export interface ScriptMethod {
  readonly name: string;
  /** Parameter list in TypeScript. */
  readonly params: string;
  /** Return type in TypeScript. */
  readonly returns: string;
  /** Markdown; any lines after the first may be JSDoc tags such as `@example`. */
  readonly doc: readonly string[];
}

export interface ScriptBuilder {
  /** TypeScript interface name of the builder. */
  readonly type: string;
  /** The global that makes one: `new_<kind>`. */
  readonly factory: string;
  /** TypeScript interface name of the Stripe object it creates. */
  readonly object: string;
  readonly doc: string;
  readonly example: string;
  readonly setters: readonly ScriptSetter[];
}

const metadata: ScriptSetter = {
  name: 'metadata',
  params: 'key: string, value: string',
  doc: "Adds one key/value pair to the object's `metadata` (Stripe `metadata[key]`). Call it once per key.",
};
const CURRENCY_DOC = 'Three-letter ISO currency code, lowercase (e.g. `"usd"`).';

export const SCRIPT_BUILDERS: Readonly<Record<StripeKind, ScriptBuilder>> = {
  payment_intent: {
    type: 'PaymentIntentBuilder',
    factory: 'new_payment_intent',
    object: 'PaymentIntent',
    doc: 'Builds a `POST /v1/payment_intents` call. Set at least `amount` and `currency`, then `create_async()`.',
    example: 'new_payment_intent().amount(2000).currency("usd").create_async()',
    setters: [
      {
        name: 'amount',
        check: 'integer',
        params: 'value: number',
        doc: 'Amount to collect, in the smallest currency unit (e.g. `2000` = $20.00). Must be an integer.',
      },
      { name: 'currency', check: 'string', params: 'value: string', doc: CURRENCY_DOC },
      {
        name: 'customer',
        check: 'string',
        params: 'id: string',
        doc: 'ID of the Customer this payment belongs to (`cus_…`).',
      },
      {
        name: 'description',
        check: 'string',
        params: 'value: string',
        doc: 'An arbitrary string attached to the object, shown in the Dashboard.',
      },
      {
        name: 'receipt_email',
        check: 'string',
        params: 'email: string',
        doc: 'Email address the receipt is sent to when the payment succeeds.',
      },
      {
        name: 'payment_method',
        check: 'string',
        params: 'id: string',
        doc: 'ID of the PaymentMethod to charge (`pm_…`, e.g. `"pm_card_visa"` in test mode).',
      },
      {
        name: 'confirm',
        check: 'boolean',
        params: 'value: boolean',
        doc: 'Confirm the intent at once on creation. Must be a boolean.',
      },
      {
        name: 'capture_method',
        check: 'string',
        params: 'value: "automatic" | "automatic_async" | "manual"',
        doc: 'When to capture the funds: at once (`automatic`), or later with an explicit capture (`manual`).',
      },
      {
        name: 'add_payment_method_type',
        params: 'type: string',
        doc: 'Adds a type to `payment_method_types` (e.g. `"card"`). Call once per type.',
      },
      metadata,
    ],
  },
  product: {
    type: 'ProductBuilder',
    factory: 'new_product',
    object: 'Product',
    doc: 'Builds a `POST /v1/products` call. Set at least `name`, then `create_async()`.',
    example: 'new_product().name("T-shirt").create_async()',
    setters: [
      { name: 'name', check: 'string', params: 'value: string', doc: "The product's name, shown to customers." },
      {
        name: 'description',
        check: 'string',
        params: 'value: string',
        doc: "The product's description, shown to customers.",
      },
      {
        name: 'active',
        check: 'boolean',
        params: 'value: boolean',
        doc: 'Whether the product can be bought. Must be a boolean.',
      },
      metadata,
    ],
  },
  price: {
    type: 'PriceBuilder',
    factory: 'new_price',
    object: 'Price',
    doc: 'Builds a `POST /v1/prices` call. Set `currency`, `unit_amount` and a `product` (or `set("product_data", …)`).',
    example: 'new_price().product("prod_123").unit_amount(1500).currency("usd").recurring("month").create_async()',
    setters: [
      {
        name: 'product',
        check: 'string',
        params: 'id: string',
        doc: 'ID of the Product this price belongs to (`prod_…`).',
      },
      {
        name: 'unit_amount',
        check: 'integer',
        params: 'value: number',
        doc: 'Price per unit in the smallest currency unit. Must be an integer.',
      },
      { name: 'currency', check: 'string', params: 'value: string', doc: CURRENCY_DOC },
      {
        name: 'recurring',
        params: 'interval: "day" | "week" | "month" | "year", interval_count?: number',
        doc: 'Makes the price recurring: bill every `interval_count` (default 1) `interval`s.',
      },
      {
        name: 'nickname',
        check: 'string',
        params: 'value: string',
        doc: 'A brief description of the price, hidden from customers.',
      },
      {
        name: 'lookup_key',
        check: 'string',
        params: 'value: string',
        doc: 'A key to retrieve this price by, unique across your prices.',
      },
      metadata,
    ],
  },
  subscription: {
    type: 'SubscriptionBuilder',
    factory: 'new_subscription',
    object: 'Subscription',
    doc: 'Builds a `POST /v1/subscriptions` call. Set `customer` and at least one price with `add_price`.',
    example: 'new_subscription().customer("cus_123").add_price("price_123").create_async()',
    setters: [
      { name: 'customer', check: 'string', params: 'id: string', doc: 'ID of the Customer to subscribe (`cus_…`).' },
      {
        name: 'add_price',
        params: 'price_id: string, quantity?: number',
        doc: 'Adds an item `{ price, quantity }` to `items`. Call once per price.',
      },
      {
        name: 'trial_period_days',
        check: 'integer',
        params: 'days: number',
        doc: 'Days of free trial before the first charge. Must be an integer.',
      },
      {
        name: 'default_payment_method',
        check: 'string',
        params: 'id: string',
        doc: "ID of the PaymentMethod used for the subscription's invoices.",
      },
      {
        name: 'cancel_at_period_end',
        check: 'boolean',
        params: 'value: boolean',
        doc: 'Cancel at the end of the current period instead of renewing. Must be a boolean.',
      },
      metadata,
    ],
  },
  customer: {
    type: 'CustomerBuilder',
    factory: 'new_customer',
    object: 'Customer',
    doc: 'Builds a `POST /v1/customers` call. Every parameter is optional; a subscription needs a customer.',
    example: 'new_customer().name("Jenny Rosen").email("jenny@example.com").create_async()',
    setters: [
      { name: 'name', check: 'string', params: 'value: string', doc: "The customer's full name or business name." },
      { name: 'email', check: 'string', params: 'value: string', doc: "The customer's email address." },
      {
        name: 'description',
        check: 'string',
        params: 'value: string',
        doc: 'An arbitrary string attached to the object, shown in the Dashboard.',
      },
      { name: 'phone', check: 'string', params: 'value: string', doc: "The customer's phone number." },
      {
        name: 'payment_method',
        check: 'string',
        params: 'id: string',
        doc: 'ID of a PaymentMethod to attach to the new customer (`pm_…`, e.g. `"pm_card_visa"` in test mode).',
      },
      metadata,
    ],
  },
};

const CREATE_PARAMS = 'worker_id?: string, context_id?: string, secret?: SecretRef | string';

/** The methods every builder has besides its setters, with docs naming the builder of `kind`. */
export function commonBuilderMethods(kind: StripeKind): readonly ScriptMethod[] {
  const { type, object } = SCRIPT_BUILDERS[kind];
  const dispatched = `"${kind}_request_dispatched"`;
  return [
    {
      name: 'set',
      params: 'param: string, value: unknown',
      returns: type,
      doc: [
        `Sets any other Stripe parameter of \`POST ${STRIPE_KIND_PATH[kind]}\`. Nested objects and arrays are allowed.`,
        '@example set("statement_descriptor", "FIREFLOW")',
      ],
    },
    {
      name: 'node',
      params: 'id: string',
      returns: type,
      doc: [`Picks which wired ${object} node handles the call when this script is wired to several.`],
    },
    {
      name: 'create_async',
      params: CREATE_PARAMS,
      returns: dispatched,
      doc: [
        'Records the create call and returns at once — the script never waits on Stripe. When Stripe answers, the',
        "script on the node's **response** port runs with `parsed_data` (or the **error** port with `parsed_error`).",
        "@param worker_id queue that runs the response/error script (default: this execution's worker)",
        "@param context_id context carried to it (default: this execution's context)",
        '@param secret API key: `secret("NAME")` (default `secret("STRIPE_SECRET_KEY")`) or a literal, which is redacted',
        `@returns \`${dispatched}\``,
      ],
    },
    { name: 'create', params: CREATE_PARAMS, returns: dispatched, doc: [`Alias of {@link ${type}.create_async}.`] },
  ];
}
