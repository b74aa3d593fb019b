import { SCRIPT_BUILDERS, type StripeKind } from '@fireflow/protocol';

/**
 * The kind of object a Stripe event carries, by the event type's prefix — longest prefix first, since
 * `customer.subscription.created` carries a Subscription and `customer.created` a Customer.
 */
const KIND_BY_PREFIX: ReadonlyArray<readonly [string, StripeKind]> = [
  ['customer.subscription.', 'subscription'],
  ['payment_intent.', 'payment_intent'],
  ['customer.', 'customer'],
  ['product.', 'product'],
  ['price.', 'price'],
];

const GENERIC = 'Record<string, unknown>';

export function eventObjectKind(type: string): StripeKind | null {
  return KIND_BY_PREFIX.find(([prefix]) => type.startsWith(prefix))?.[1] ?? null;
}

export function eventObjectType(type: string): string {
  const kind = eventObjectKind(type);
  return kind ? SCRIPT_BUILDERS[kind].object : GENERIC;
}

/** A Stripe event of `type` around `object`, for running a webhook's script with sample data. */
export const sampleEvent = (type: string, object: unknown) => ({
  id: 'evt_sample',
  object: 'event',
  api_version: '2023-08-16',
  created: Math.floor(Date.now() / 1000),
  data: { object },
  livemode: false,
  type,
});

const eventShape = (type: string, object: string) => `{
  /** Unique identifier, \`evt_…\`: Fireflow starts one run per event id. */
  id: string;
  object: "event";
  type: ${type};
  api_version: string | null;
  /** Creation time, seconds since the Unix epoch. */
  created: number;
  livemode: boolean;
  data: {
    /** The object the event is about, as it was when the event happened. */
    object: ${object};
    /** For \`*.updated\` events: the changed fields' previous values. */
    previous_attributes?: Record<string, unknown>;
  };
  [other: string]: unknown;
}`;

/** `event` / `event_json` for a script started by webhook nodes listening to `types`. */
export function webhookEventDeclaration(types: string[], from: string[]): string {
  const specific = types.filter((type) => type !== '*');
  const variants = specific.map((type) => eventShape(JSON.stringify(type), eventObjectType(type)));
  if (types.includes('*') || variants.length === 0) variants.push(eventShape('string', GENERIC));
  return `/**
 * The verified Stripe event that started this execution (${types.join(', ')}), parsed from \`event_json\`.
 * Set in executions started by the webhook node ${from.join(', ')}; narrow on \`event.type\`.
 */
declare const event: ${variants.join(' | ')};
/** The Stripe event's raw body, as JSON text (what the signature covered). */
declare const event_json: string;`;
}
