import { describe, expect, it } from 'vitest';
import { createIdempotencyStore, fingerprintOf } from './idempotency.ts';

const answer = { status: 200, body: '{"id":"prod_1"}', requestId: 'req_1' };

describe('idempotency store', () => {
  it('replays a completed key for the same parameters', () => {
    const store = createIdempotencyStore();
    const first = store.claim('k', '/v1/products', 'name=a');
    if (first.kind !== 'fresh') throw new Error('expected a fresh claim');
    first.complete(answer);
    expect(store.claim('k', '/v1/products', 'name=a')).toEqual({ kind: 'replay', answer });
  });

  it('refuses other parameters, another endpoint, and a key still in flight', () => {
    const store = createIdempotencyStore();
    const first = store.claim('k', '/v1/products', 'name=a');
    const inFlight = store.claim('k', '/v1/products', 'name=a');
    expect(inFlight.kind === 'conflict' && inFlight.error.status).toBe(409);
    if (first.kind === 'fresh') first.complete(answer);
    const other = store.claim('k', '/v1/products', 'name=b');
    expect(other.kind === 'conflict' && other.error.fields.type).toBe('idempotency_error');
    const elsewhere = store.claim('k', '/v1/prices', 'name=a');
    expect(elsewhere.kind === 'conflict' && elsewhere.error.message).toMatch("('/v1/products' vs '/v1/prices')");
  });

  it('forgets an abandoned claim so a retry runs for real', () => {
    const store = createIdempotencyStore();
    const first = store.claim('k', '/v1/products', 'name=a');
    if (first.kind === 'fresh') first.abandon();
    expect(store.claim('k', '/v1/products', 'name=b').kind).toBe('fresh');
  });

  it('keeps only the newest records past its limit', () => {
    const store = createIdempotencyStore(2);
    for (const key of ['a', 'b', 'c']) {
      const claim = store.claim(key, '/v1/products', '');
      if (claim.kind === 'fresh') claim.complete(answer);
    }
    expect(store.claim('a', '/v1/products', '').kind).toBe('fresh');
    expect(store.claim('c', '/v1/products', '').kind).toBe('replay');
  });

  it('ignores parameter order when comparing requests', () => {
    expect(fingerprintOf('b=2&a=1')).toBe(fingerprintOf('a=1&b=2'));
    expect(fingerprintOf('a=1&b=2')).not.toBe(fingerprintOf('a=1&b=3'));
  });
});
