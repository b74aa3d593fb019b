import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startStripeMock } from '../index.ts';
import { call, get, post, useMock } from '../testing.ts';

const env = useMock();

describe('HTTP behaviour', () => {
  it("sends Stripe's headers", async () => {
    const { headers } = await post(env.url, '/v1/products', { name: 'Tea' }, { 'Idempotency-Key': 'abc' });
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('stripe-version')).toBe('2023-08-16');
    expect(headers.get('request-id')).toMatch(/^req_[A-Za-z0-9]{14}$/);
    expect(headers.get('idempotency-key')).toBe('abc');
  });

  it('accepts Basic auth with the key as the user name (curl -u)', async () => {
    const basic = `Basic ${Buffer.from('sk_test_anything:').toString('base64')}`;
    expect((await post(env.url, '/v1/products', { name: 'Tea' }, { Authorization: basic })).status).toBe(200);
  });

  it('answers 401 without a key or with a live key', async () => {
    const missing = await post(env.url, '/v1/products', { name: 'Tea' }, { Authorization: '' });
    expect(missing.status).toBe(401);
    expect(missing.json.error.message).toMatch(/^You did not provide an API key/);
    const live = await post(
      env.url,
      '/v1/products',
      { name: 'Tea' },
      { Authorization: 'Bearer sk_live_0123456789abcdef' },
    );
    expect(live.json.error.message).toBe('Invalid API Key provided: sk_live_************cdef');
  });

  it('answers 404 "Unrecognized request URL" for anything it does not implement', async () => {
    const { status, json } = await call(env.url, 'POST', '/v1/payment_intents/pi_1/confirm', '');
    expect(status).toBe(404);
    expect(json.error.message).toMatch(/^Unrecognized request URL \(POST: \/v1\/payment_intents\/pi_1\/confirm\)\./);
  });

  it('refuses JSON bodies, as Stripe does', async () => {
    const { status, json } = await post(env.url, '/v1/products', '{"name":"Tea"}', {
      'Content-Type': 'application/json',
    });
    expect(status).toBe(400);
    expect(json.error.message).toMatch(/unsupported Content-Type application\/json/);
  });

  it('validates retrieve query params too', async () => {
    const created = await post(env.url, '/v1/products', { name: 'Tea' });
    expect((await get(env.url, `/v1/products/${created.json.id}?expand[]=default_price`)).status).toBe(200);
    expect((await get(env.url, `/v1/products/${created.json.id}?foo=1`)).json.error).toMatchObject({
      code: 'parameter_unknown',
      param: 'foo',
    });
  });

  it('keeps two instances apart', async () => {
    const other = await startStripeMock();
    try {
      const created = await post(other.url, '/v1/products', { name: 'Tea' });
      expect((await get(env.url, `/v1/products/${created.json.id}`)).status).toBe(404);
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(other.port).not.toBe(env.mock.port);
    } finally {
      await other.close();
    }
  });

  // The delay outlasts the test's timeout, so a close that waited for the request fails the test.
  it('closes without waiting for an idle keep-alive socket or a request still delayed', async () => {
    const mock = await startStripeMock({ latencyMs: 60_000 });
    const agentRequest = new Promise<string>((resolve) => {
      const req = request(`${mock.url}/v1/products/prod_1`, { headers: { Authorization: 'Bearer sk_test_x' } });
      req.on('error', (error) => resolve(error.message));
      req.end();
    });
    while (mock.counters().requests === 0) await new Promise((resolve) => setImmediate(resolve));
    await mock.close();
    expect(await agentRequest).toMatch(/socket hang up|ECONNRESET/);
  });
});
