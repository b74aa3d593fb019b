const STRIPE_KEY = /\b([sr]k_(?:test|live)_)[A-Za-z0-9]{4,}/g;

/** `sk_test_51Habcd…wxyz` → `sk_test_…wxyz`: enough to tell keys apart, never enough to use one. */
export function redactKey(key: string): string {
  const match = /^([sr]k_(?:test|live)_)/.exec(key);
  const prefix = match ? match[1] : '';
  return `${prefix}…${key.slice(-4)}`;
}

/** Redacts anything shaped like a Stripe key plus every known secret value. */
export function createRedactor(secretValues: Iterable<string>): (text: string) => string {
  const values = [...secretValues].filter((value) => value.length >= 6);
  return (text) => {
    let out = text;
    for (const value of values) if (out.includes(value)) out = out.split(value).join(redactKey(value));
    return out.replace(STRIPE_KEY, (whole: string, prefix: string) => `${prefix}…${whole.slice(-4)}`);
  };
}

/** Deep-redacts string leaves of a JSON value. */
export function redactValue<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactValue(item, redact);
    return out as T;
  }
  return value;
}

/**
 * JSON text parsed, with its string leaves redacted. Without escapes every string in the text appears in it
 * verbatim, so a text the redactor leaves as it is has nothing inside to redact and the parse is the answer,
 * without a second walk and copy of the value. Any escape, or anything redactable anywhere (a key too), takes the
 * walk. Throws as JSON.parse does.
 */
export function parseRedacted(text: string, redact: (text: string) => string): unknown {
  const value = JSON.parse(text) as unknown;
  if (!text.includes('\\') && redact(text) === text) return value;
  return redactValue(value, redact);
}
