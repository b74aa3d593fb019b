/** Stripe API 2023-08-16 shapes of the created objects, as the response scripts see them. */
const PAYMENT_INTENT = `/** A Stripe PaymentIntent: one attempt to collect a payment, through its lifecycle. */
interface PaymentIntent {
  /** Unique identifier, \`pi_…\`. */
  id: string;
  object: "payment_intent";
  /** Amount intended to be collected, in the smallest currency unit. */
  amount: number;
  /** Amount that can be captured (manual capture). */
  amount_capturable: number;
  /** Amount that was collected. */
  amount_received: number;
  /** How and when the funds are captured. */
  capture_method: "automatic" | "automatic_async" | "manual";
  /** Secret for confirming the payment client-side. Never log it in production. */
  client_secret: string | null;
  confirmation_method: "automatic" | "manual";
  /** Creation time, seconds since the Unix epoch. */
  created: number;
  /** Three-letter ISO currency code, lowercase. */
  currency: string;
  /** ID of the Customer, if any. */
  customer: string | null;
  description: string | null;
  /** The last payment error, if the last attempt failed. */
  last_payment_error: StripeErrorDetail | null;
  /** ID of the latest Charge, \`ch_…\`. */
  latest_charge: string | null;
  livemode: boolean;
  /** Your key/value pairs. */
  metadata: Record<string, string>;
  /** Action the customer must take (e.g. 3-D Secure), if status is \`requires_action\`. */
  next_action: Record<string, unknown> | null;
  /** ID of the PaymentMethod used. */
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: string | null;
  /** Where the intent is in its lifecycle. */
  status:
    | "requires_payment_method"
    | "requires_confirmation"
    | "requires_action"
    | "processing"
    | "requires_capture"
    | "canceled"
    | "succeeded";
  canceled_at: number | null;
  cancellation_reason: string | null;
  statement_descriptor: string | null;
  [other: string]: unknown;
}`;

const PRODUCT = `/** A Stripe Product: something you sell. */
interface Product {
  /** Unique identifier, \`prod_…\`. */
  id: string;
  object: "product";
  /** Whether the product can be bought. */
  active: boolean;
  /** Creation time, seconds since the Unix epoch. */
  created: number;
  /** ID of the default Price, if set. */
  default_price: string | null;
  description: string | null;
  images: string[];
  livemode: boolean;
  /** Your key/value pairs. */
  metadata: Record<string, string>;
  /** The product's name, shown to customers. */
  name: string;
  shippable: boolean | null;
  statement_descriptor: string | null;
  tax_code: string | null;
  unit_label: string | null;
  /** Last update time, seconds since the Unix epoch. */
  updated: number;
  url: string | null;
  [other: string]: unknown;
}`;

const PRICE = `/** A Stripe Price: how much and how often to charge for a Product. */
interface Price {
  /** Unique identifier, \`price_…\`. */
  id: string;
  object: "price";
  active: boolean;
  billing_scheme: "per_unit" | "tiered";
  created: number;
  /** Three-letter ISO currency code, lowercase. */
  currency: string;
  livemode: boolean;
  lookup_key: string | null;
  /** Your key/value pairs. */
  metadata: Record<string, string>;
  nickname: string | null;
  /** ID of the Product this price belongs to. */
  product: string;
  /** Billing interval, for recurring prices; null for one-off prices. */
  recurring: {
    interval: "day" | "week" | "month" | "year";
    interval_count: number;
    usage_type: "licensed" | "metered";
    trial_period_days: number | null;
  } | null;
  tax_behavior: "exclusive" | "inclusive" | "unspecified" | null;
  type: "one_time" | "recurring";
  /** Price per unit in the smallest currency unit. */
  unit_amount: number | null;
  unit_amount_decimal: string | null;
  [other: string]: unknown;
}`;

const SUBSCRIPTION = `/** One price on a subscription. */
interface SubscriptionItem {
  id: string;
  object: "subscription_item";
  created: number;
  metadata: Record<string, string>;
  price: Price;
  quantity: number;
  subscription: string;
}

/** A Stripe Subscription: a customer billed repeatedly for one or more prices. */
interface Subscription {
  /** Unique identifier, \`sub_…\`. */
  id: string;
  object: "subscription";
  billing_cycle_anchor: number;
  cancel_at: number | null;
  /** Whether it cancels at the end of the current period. */
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  collection_method: "charge_automatically" | "send_invoice";
  created: number;
  currency: string;
  current_period_end: number;
  current_period_start: number;
  /** ID of the subscribed Customer. */
  customer: string;
  default_payment_method: string | null;
  description: string | null;
  ended_at: number | null;
  /** The prices subscribed to. */
  items: { object: "list"; data: SubscriptionItem[]; has_more: boolean; url: string };
  latest_invoice: string | null;
  livemode: boolean;
  /** Your key/value pairs. */
  metadata: Record<string, string>;
  start_date: number;
  status: "incomplete" | "incomplete_expired" | "trialing" | "active" | "past_due" | "canceled" | "unpaid" | "paused";
  trial_end: number | null;
  trial_start: number | null;
  [other: string]: unknown;
}`;

const CUSTOMER = `/** A Stripe Customer: who pays, with their contact details and saved payment methods. */
interface Customer {
  /** Unique identifier, \`cus_…\`. */
  id: string;
  object: "customer";
  address: Record<string, string | null> | null;
  /** Credit (negative) or amount owed (positive) applied to the next invoice, in the smallest currency unit. */
  balance: number;
  /** Creation time, seconds since the Unix epoch. */
  created: number;
  /** Currency of recurring charges, once the customer has been billed. */
  currency: string | null;
  default_source: string | null;
  /** Whether the latest charge or invoice failed. */
  delinquent: boolean | null;
  description: string | null;
  email: string | null;
  /** Prefix of the customer's invoice numbers. */
  invoice_prefix: string | null;
  invoice_settings: { default_payment_method: string | null; [other: string]: unknown };
  livemode: boolean;
  /** Your key/value pairs. */
  metadata: Record<string, string>;
  /** Full name or business name. */
  name: string | null;
  phone: string | null;
  preferred_locales: string[];
  tax_exempt: "none" | "exempt" | "reverse" | null;
  [other: string]: unknown;
}`;

const ERROR = `/** The \`error\` member of Stripe's error body. */
interface StripeErrorDetail {
  /** \`card_error\`, \`invalid_request_error\`, \`api_error\`, \`idempotency_error\`, or \`api_connection_error\` (network failure or timeout). */
  type: "api_connection_error" | "api_error" | "card_error" | "idempotency_error" | "invalid_request_error" | (string & {});
  /** A short code, e.g. \`card_declined\`, \`parameter_missing\`. */
  code?: string;
  /** For card errors: the issuer's reason, e.g. \`insufficient_funds\`. */
  decline_code?: string;
  /** A human-readable message. */
  message?: string;
  /** The parameter the error relates to, e.g. \`amount\`. */
  param?: string;
  doc_url?: string;
  [other: string]: unknown;
}

/** What Stripe answered instead of the object (or a synthesized body for a network failure or timeout). */
interface StripeError {
  error: StripeErrorDetail;
}`;

export function stripeObjectDeclarations(): string {
  return [PAYMENT_INTENT, PRODUCT, PRICE, SUBSCRIPTION, CUSTOMER, ERROR].join('\n\n');
}
