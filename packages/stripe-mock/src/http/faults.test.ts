import { describe, expect, it } from 'vitest';
import { startMockServer } from '../server.ts';
import { get, post, useMock } from '../testing.ts';

const env = useMock();
const product = { name: 'Tea' };

describe('fault injection', () => {
  it('answers 429 rate_limit_error for Fireflow-Mock-Fault: 429', async () => {
    const { status, json } = await post(env.url, '/v1/products', product, { 'Fireflow-Mock-Fault': '429' });
    expect(status).toBe(429);
    expect(json.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit' });
  });

  it('answers 500 api_error for Fireflow-Mock-Fault: 500', async () => {
    const { status, json } = await post(env.url, '/v1/products', product, { 'Fireflow-Mock-Fault': '500' });
    expect(status).toBe(500);
    expect(json.error.type).toBe('api_error');
  });

  it('closes the connection without an answer for Fireflow-Mock-Fault: drop', async () => {
    await expect(post(env.url, '/v1/products', product, { 'Fireflow-Mock-Fault': 'drop' })).rejects.toThrow(
      /fetch failed/,
    );
    expect(env.mock.counters().byPath['/v1/products']).toBe(1);
  });

  it('refuses an unknown fault header rather than ignoring it', async () => {
    const { status, json } = await post(env.url, '/v1/products', product, { 'Fireflow-Mock-Fault': 'teapot' });
    expect(status).toBe(400);
    expect(json.error.message).toMatch(/Fireflow-Mock-Fault/);
  });

  it('delays by Fireflow-Mock-Latency-Ms', async () => {
    const started = performance.now();
    expect((await post(env.url, '/v1/products', product, { 'Fireflow-Mock-Latency-Ms': '150' })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('delays every request after setLatency, and not after setLatency(0)', async () => {
    const waits: number[] = [];
    const mock = await startMockServer({}, { delay: async (ms) => void waits.push(ms) });
    try {
      mock.setLatency(120);
      await get(mock.url, '/v1/products/prod_missing');
      mock.setLatency(0);
      await get(mock.url, '/v1/products/prod_missing');
      expect(waits).toEqual([120]);
      expect(() => mock.setLatency(-1)).toThrow(RangeError);
    } finally {
      await mock.close();
    }
  });

  it('fails the next matching requests from the queue, then recovers', async () => {
    env.mock.faults.enqueue({ type: '500', times: 2, path: '/v1/prices' });
    expect((await post(env.url, '/v1/products', product)).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(env.url, '/v1/prices', { currency: 'usd' })).status);
    expect(statuses).toEqual([500, 500, 400]);
  });

  it('queues latency and drops too, and clear() empties the queue', async () => {
    env.mock.faults.enqueue({ type: 'latency', latencyMs: 120 });
    const started = performance.now();
    await post(env.url, '/v1/products', product);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    env.mock.faults.enqueue({ type: 'drop' });
    await expect(post(env.url, '/v1/products', product)).rejects.toThrow();
    env.mock.faults.enqueue({ type: '429', times: 5 });
    env.mock.faults.clear();
    expect((await post(env.url, '/v1/products', product)).status).toBe(200);
    expect(() => env.mock.faults.enqueue({ type: 'latency' })).toThrow(TypeError);
  });
});
