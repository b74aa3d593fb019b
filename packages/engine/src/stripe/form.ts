/** `metadata[sku]`, `items[0][price]`: Stripe's bracket keys, left readable as Stripe's own clients send them. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

/**
 * Stripe's form encoding of nested params: objects as `key[child]`, arrays as `key[index]`, `null` as an empty
 * value (how Stripe unsets a field), `undefined` left out.
 */
export function encodeStripeForm(params: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (value === null) parts.push(`${encodeKey(key)}=`);
    else if (Array.isArray(value)) value.forEach((item, index) => add(`${key}[${index}]`, item));
    else if (typeof value === 'object')
      for (const [child, item] of Object.entries(value)) add(`${key}[${child}]`, item);
    else parts.push(`${encodeKey(key)}=${encodeURIComponent(String(value))}`);
  };
  for (const [key, value] of Object.entries(params)) add(key, value);
  return parts.join('&');
}
