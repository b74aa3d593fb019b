import { errors } from './errors.ts';

/** Stripe shows the first 8 and last 4 characters of a refused key; shorter keys only their prefix. */
export function maskKey(key: string): string {
  if (key.length > 12) return `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
  return `${key.slice(0, 3)}${'*'.repeat(Math.max(0, key.length - 3))}`;
}

function keyFrom(header: string): string {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const credentials = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme === 'bearer') return credentials;
  if (scheme === 'basic') {
    // curl -u sk_test_…: sends the key as the user name with an empty password.
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return (colon < 0 ? decoded : decoded.slice(0, colon)).trim();
  }
  return '';
}

/** Returns the secret key of the request, or throws Stripe's 401 for a missing or unusable one. */
export function authenticate(header: string | undefined): string {
  const key = header ? keyFrom(header.trim()) : '';
  if (key === '') throw errors.noApiKey();
  if (!/^(sk|rk)_test_\S+$/.test(key)) throw errors.invalidApiKey(maskKey(key));
  return key;
}
