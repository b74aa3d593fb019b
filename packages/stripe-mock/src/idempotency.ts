import { errors, type StripeMockError } from './errors.ts';

/** A finished answer, replayed byte for byte for a retry with the same key and parameters. */
export interface SavedAnswer {
  status: number;
  body: string;
  requestId: string;
}

export type IdempotencyClaim =
  | { kind: 'fresh'; complete(answer: SavedAnswer): void; abandon(): void }
  | { kind: 'replay'; answer: SavedAnswer }
  | { kind: 'conflict'; error: StripeMockError };

interface Entry {
  path: string;
  fingerprint: string;
  answer: SavedAnswer | null;
}

export interface IdempotencyStore {
  /** Looks the key up and, when it is new, holds it "in flight" until complete() or abandon(). */
  claim(key: string, path: string, fingerprint: string): IdempotencyClaim;
  clear(): void;
}

/** Parameter order does not make a different request; `a=1&b=2` and `b=2&a=1` are the same. */
export const fingerprintOf = (body: string): string => (body.includes('&') ? body.split('&').sort().join('&') : body);

/** Stripe keeps keys for 24 h; the mock keeps the newest `limit` instead. */
export function createIdempotencyStore(limit = 250_000): IdempotencyStore {
  let entries = new Map<string, Entry>();
  return {
    claim(key, path, fingerprint) {
      const existing = entries.get(key);
      if (existing) {
        if (existing.path !== path)
          return { kind: 'conflict', error: errors.idempotencyEndpointMismatch(key, existing.path, path) };
        if (existing.answer === null) return { kind: 'conflict', error: errors.idempotencyInFlight(key) };
        if (existing.fingerprint !== fingerprint)
          return { kind: 'conflict', error: errors.idempotencyParamsMismatch(key) };
        return { kind: 'replay', answer: existing.answer };
      }
      const entry: Entry = { path, fingerprint, answer: null };
      const owner = entries;
      owner.set(key, entry);
      return {
        kind: 'fresh',
        complete(answer) {
          entry.answer = answer;
          if (owner.size > limit) owner.delete(owner.keys().next().value as string);
        },
        // Nothing ran (validation failed, a fault hit): a retry must start from scratch.
        abandon() {
          if (owner.get(key) === entry) owner.delete(key);
        },
      };
    },
    clear() {
      entries = new Map();
    },
  };
}
