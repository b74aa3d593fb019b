import { describe, expect, it } from 'vitest';
import { get, post, useMock } from '../testing.ts';

const env = useMock();
const admin = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
  const response = await fetch(`${env.url}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, json: (await response.json()) as any };
};

describe('/_mock/ admin endpoints', () => {
  it('counts requests in total, by route and by idempotency key', async () => {
    const created = await post(env.url, '/v1/products', { name: 'Tea' }, { 'Idempotency-Key': 'k1' });
    await post(env.url, '/v1/products', { name: 'Tea' }, { 'Idempotency-Key': 'k1' });
    await get(env.url, `/v1/products/${created.json.id}`);
    await get(env.url, '/v1/nothing');
    const { status, json } = await admin('GET', '/_mock/counters');
    expect(status).toBe(200);
    expect(json).toEqual({
      requests: 4,
      byPath: { '/v1/products': 2, '/v1/products/:id': 1, '/v1/nothing': 1 },
      byIdempotencyKey: { k1: { requests: 2, created: 1 } },
    });
    expect(env.mock.counters()).toEqual(json);
  });

  it('sets latency and faults through POST /_mock/config', async () => {
    const configured = await admin('POST', '/_mock/config', {
      latency_ms: 0,
      faults: [{ type: '429', times: 1, path: '/v1/products' }],
    });
    expect(configured).toMatchObject({
      status: 200,
      json: { latency_ms: 0, faults: [{ type: '429', times: 1, path: '/v1/products' }] },
    });
    expect((await post(env.url, '/v1/products', { name: 'Tea' })).status).toBe(429);
    expect((await post(env.url, '/v1/products', { name: 'Tea' })).status).toBe(200);
    expect((await admin('GET', '/_mock/config')).json.faults).toEqual([]);
  });

  it('refuses a malformed config with 400 and keeps the old one', async () => {
    expect((await admin('POST', '/_mock/config', { latency_ms: -5 })).status).toBe(400);
    expect((await admin('POST', '/_mock/config', { faults: [{ type: 'boom' }] })).json.error.message).toMatch(
      /fault.type/,
    );
    expect((await admin('POST', '/_mock/config', { latencyMs: 5 })).json.error.message).toBe(
      'Unknown config field: latencyMs',
    );
    expect((await admin('GET', '/_mock/config')).json).toEqual({ latency_ms: 0, faults: [] });
  });

  it('forgets objects, keys and counters on POST /_mock/reset', async () => {
    const created = await post(env.url, '/v1/products', { name: 'Tea' }, { 'Idempotency-Key': 'k2' });
    expect((await admin('POST', '/_mock/reset')).json).toEqual({ reset: true });
    expect((await get(env.url, `/v1/products/${created.json.id}`)).status).toBe(404);
    expect((await post(env.url, '/v1/products', { name: 'Other' }, { 'Idempotency-Key': 'k2' })).status).toBe(200);
    expect((await admin('GET', '/_mock/counters')).json.requests).toBe(2);
  });

  it('answers 404 for an unknown admin endpoint', async () => {
    expect(await admin('GET', '/_mock/nope')).toMatchObject({
      status: 404,
      json: { error: { type: 'invalid_request_error' } },
    });
  });
});
