import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer } from '../server.ts';
import { AUTH, get, post } from '../testing.ts';
import type { StripeMock } from '../types.ts';

interface Delivery {
  type: string;
  objectId: string;
  signature: string;
  payload: string;
}

/** A receiver that answers each delivery with the next status of `statuses` (then 200) and records it. */
async function receiver(statuses: number[] = []) {
  const deliveries: Delivery[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server: Server = createServer((req, res) => {
    let payload = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (payload += chunk));
    req.on('end', () => {
      const event = JSON.parse(payload) as { type: string; data: { object: { id: string } } };
      deliveries.push({
        type: event.type,
        objectId: event.data.object.id,
        signature: String(req.headers['stripe-signature']),
        payload,
      });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
      for (const waiter of waiters.filter((w) => deliveries.length >= w.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    received: (count: number) =>
      new Promise<void>((resolve) => (deliveries.length >= count ? resolve() : waiters.push({ count, resolve }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let mock: StripeMock | null = null;
let hook: Awaited<ReturnType<typeof receiver>> | null = null;
afterEach(async () => {
  await mock?.close();
  await hook?.close();
  mock = null;
  hook = null;
});

const endpointFor = async (url: string, events: string[]) =>
  post(
    mock?.url ?? '',
    '/v1/webhook_endpoints',
    `url=${encodeURIComponent(url)}&${events.map((e) => `enabled_events[]=${e}`).join('&')}`,
  );

describe('the mock sends webhooks', () => {
  it('registers an endpoint with a whsec_ secret and lists it without the secret', async () => {
    mock = await startMockServer();
    const created = await endpointFor('http://127.0.0.1:9/hook', ['customer.created']);
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      object: 'webhook_endpoint',
      enabled_events: ['customer.created'],
      status: 'enabled',
    });
    expect(created.json.secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
    const listed = await get(mock.url, '/v1/webhook_endpoints');
    expect(listed.json.data).toHaveLength(1);
    expect(listed.json.data[0].secret).toBeUndefined();
    expect((await post(mock.url, '/v1/webhook_endpoints', 'url=http://x.test/')).json.error).toMatchObject({
      param: 'enabled_events',
    });
    const removed = await fetch(`${mock.url}/v1/webhook_endpoints/${created.json.id}`, {
      method: 'DELETE',
      headers: AUTH,
    });
    expect(await removed.json()).toMatchObject({ id: created.json.id, deleted: true });
    expect((await get(mock.url, '/v1/webhook_endpoints')).json.data).toHaveLength(0);
  });

  it('delivers the events of a create, signed so stripe-node verifies them', async () => {
    mock = await startMockServer();
    hook = await receiver();
    const { json: endpoint } = await endpointFor(hook.url, [
      'payment_intent.created',
      'payment_intent.succeeded',
      'customer.created',
    ]);
    const { json: intent } = await post(mock.url, '/v1/payment_intents', {
      amount: '2000',
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: 'true',
    });
    await post(mock.url, '/v1/products', { name: 'Not listened to' });
    const { json: customer } = await post(mock.url, '/v1/customers', { email: 'a@b.test' });
    await hook.received(3);
    expect(hook.deliveries.map((d) => [d.type, d.objectId]).sort()).toEqual(
      [
        ['customer.created', customer.id],
        ['payment_intent.created', intent.id],
        ['payment_intent.succeeded', intent.id],
      ].sort(),
    );
    for (const delivery of hook.deliveries) {
      const event = Stripe.webhooks.constructEvent(delivery.payload, delivery.signature, endpoint.secret, 300);
      expect(event.type).toBe(delivery.type);
    }
  });

  it('sends payment_intent.payment_failed for a declined card', async () => {
    mock = await startMockServer();
    hook = await receiver();
    await endpointFor(hook.url, ['*']);
    await post(mock.url, '/v1/payment_intents', {
      amount: '500',
      currency: 'usd',
      payment_method: 'pm_card_chargeDeclined',
      confirm: 'true',
    });
    await hook.received(2);
    // Deliveries go out concurrently, as Stripe's do: their order is not promised.
    expect(hook.deliveries.map((d) => d.type).sort()).toEqual([
      'payment_intent.created',
      'payment_intent.payment_failed',
    ]);
  });

  it('retries a delivery answered with a non-2xx status', async () => {
    mock = await startMockServer({}, { webhooks: { retryDelaysMs: [5, 5] } });
    hook = await receiver([500, 503]);
    await endpointFor(hook.url, ['product.created']);
    const { json: product } = await post(mock.url, '/v1/products', { name: 'Retried' });
    await hook.received(3);
    expect(hook.deliveries.map((d) => d.objectId)).toEqual([product.id, product.id, product.id]);
    expect(new Set(hook.deliveries.map((d) => JSON.parse(d.payload).id)).size).toBe(1);
  });
});
