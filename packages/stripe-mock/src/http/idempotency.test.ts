import { describe, expect, it } from 'vitest';
import { manualDelay, post, useMock } from '../testing.ts';

const held = manualDelay();
const env = useMock({ delay: held.delay });
const key = (k: string) => ({ 'Idempotency-Key': k });

describe('idempotent requests', () => {
  it('replays the first answer byte for byte, marked Idempotent-Replayed', async () => {
    const first = await post(env.url, '/v1/products', { name: 'Tea' }, key('k-replay'));
    const second = await post(env.url, '/v1/products', 'name=Tea', key('k-replay'));
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(env.mock.counters().byIdempotencyKey['k-replay']).toEqual({ requests: 2, created: 1 });
  });

  it('replays a saved error too (a declined card is a result)', async () => {
    const body = { amount: '2000', currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: 'true' };
    const first = await post(env.url, '/v1/payment_intents', body, key('k-decline'));
    const second = await post(env.url, '/v1/payment_intents', body, key('k-decline'));
    expect([first.status, second.status]).toEqual([402, 402]);
    expect(second.text).toBe(first.text);
    expect(env.mock.counters().byIdempotencyKey['k-decline']?.created).toBe(1);
  });

  it('refuses the same key with other parameters (400 idempotency_error)', async () => {
    await post(env.url, '/v1/products', { name: 'Tea' }, key('k-mismatch'));
    const { status, json } = await post(env.url, '/v1/products', { name: 'Coffee' }, key('k-mismatch'));
    expect(status).toBe(400);
    expect(json).toEqual({
      error: {
        type: 'idempotency_error',
        message:
          "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'k-mismatch' if you meant to execute a different request.",
      },
    });
  });

  it('refuses the same key on another endpoint', async () => {
    await post(env.url, '/v1/products', { name: 'Tea' }, key('k-endpoint'));
    const { status, json } = await post(env.url, '/v1/prices', { currency: 'usd' }, key('k-endpoint'));
    expect(status).toBe(400);
    expect(json.error.message).toContain("('/v1/products' vs '/v1/prices')");
  });

  it('does not save a request that failed validation', async () => {
    const invalid = await post(env.url, '/v1/products', { name: 'Tea', colour: 'red' }, key('k-invalid'));
    expect(invalid.status).toBe(400);
    const fixed = await post(env.url, '/v1/products', { name: 'Tea' }, key('k-invalid'));
    expect(fixed.status).toBe(200);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
    expect(env.mock.counters().byIdempotencyKey['k-invalid']).toEqual({ requests: 2, created: 1 });
  });

  it('answers 409 to a second request while the first with its key is still running', async () => {
    const first = post(
      env.url,
      '/v1/products',
      { name: 'Slow' },
      { ...key('k-busy'), 'Fireflow-Mock-Latency-Ms': '1' },
    );
    await held.arrived();
    const second = await post(env.url, '/v1/products', { name: 'Slow' }, key('k-busy'));
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({ type: 'invalid_request_error', code: 'idempotency_key_in_use' });
    expect(second.json.error.message).toMatch(
      /^There is currently another in-progress request using this Idempotent Key .*: k-busy\. Please try again later\.$/,
    );
    held.releaseAll();
    expect((await first).status).toBe(200);
    const third = await post(env.url, '/v1/products', { name: 'Slow' }, key('k-busy'));
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect(env.mock.counters().byIdempotencyKey['k-busy']).toEqual({ requests: 3, created: 1 });
  });

  it('does not save injected faults: a retry after 429, 500 or a drop creates the object once', async () => {
    for (const fault of ['429', '500']) {
      const failed = await post(
        env.url,
        '/v1/products',
        { name: 'Tea' },
        { ...key(`k-${fault}`), 'Fireflow-Mock-Fault': fault },
      );
      expect(failed.status).toBe(Number(fault));
      const retried = await post(env.url, '/v1/products', { name: 'Tea' }, key(`k-${fault}`));
      expect(retried.status).toBe(200);
      expect(env.mock.counters().byIdempotencyKey[`k-${fault}`]).toEqual({ requests: 2, created: 1 });
    }
    await expect(
      post(env.url, '/v1/products', { name: 'Tea' }, { ...key('k-drop'), 'Fireflow-Mock-Fault': 'drop' }),
    ).rejects.toThrow();
    expect((await post(env.url, '/v1/products', { name: 'Tea' }, key('k-drop'))).status).toBe(200);
    expect(env.mock.counters().byIdempotencyKey['k-drop']).toEqual({ requests: 2, created: 1 });
  });

  it('replays after a drop-after fault: the object was created before the answer was lost', async () => {
    await expect(
      post(env.url, '/v1/products', { name: 'Tea' }, { ...key('k-lost'), 'Fireflow-Mock-Fault': 'drop-after' }),
    ).rejects.toThrow();
    const retried = await post(env.url, '/v1/products', { name: 'Tea' }, key('k-lost'));
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(env.mock.counters().byIdempotencyKey['k-lost']).toEqual({ requests: 2, created: 1 });
  });
});
