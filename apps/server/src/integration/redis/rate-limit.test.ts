import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { createRedisDispatcher, type Dispatcher, type RedisWorkerHandle, startRedisWorker } from '@fireflow/engine';
import { ofType, oneStepFlow, runToSettled, startTestRedis, type TestRedis } from '@fireflow/engine/testkit';

// The Stripe rate limit lives in Redis (BullMQ's queue limiter), so it holds for all workers together.
describe('redis: Stripe rate limit across workers', () => {
  let redis: TestRedis;
  let mock: StripeMock;
  let workers: RedisWorkerHandle[] = [];
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    redis = await startTestRedis();
    mock = await startStripeMock();
    const stripe = { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } };
    const start = () =>
      startRedisWorker({ redisUrl: redis.url, queues: ['default'], concurrency: 4, stripe, threads: 1, rateLimit: 10 });
    workers = await Promise.all([start(), start()]);
    dispatcher = await createRedisDispatcher({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await dispatcher?.close();
    await Promise.all(workers.map((worker) => worker.close()));
    await mock?.close();
    await redis?.dispose();
  });

  it('makes 40 calls at no more than 10 per second, shared by two workers', async () => {
    const bundle = oneStepFlow('product', {
      main: 'for (let i = 0; i < 40; i++) new_product().name(`p${i}`).create_async();',
      response: 'print(parsed_data.name);',
    });
    const { events, settled } = await runToSettled(dispatcher, bundle);
    expect(settled).toMatchObject({ status: 'succeeded', counts: { stripe_calls: 40, stripe_failures: 0 } });
    const sent = ofType(events, 'stripe.request.sent')
      .map((event) => event.ts)
      .sort((a, b) => a - b);
    expect(sent).toHaveLength(40);
    // Fixed 1 s windows of 10: 40 calls need 4 windows, and any 21 calls in a row straddle a whole window.
    expect((sent.at(-1) ?? 0) - (sent[0] ?? 0)).toBeGreaterThanOrEqual(2_900);
    for (let i = 0; i + 20 < sent.length; i += 1) {
      expect((sent[i + 20] ?? 0) - (sent[i] ?? 0)).toBeGreaterThanOrEqual(950);
    }
    const [a, b] = workers.map((worker) => worker.stats().stripeCalls);
    expect((a ?? 0) + (b ?? 0)).toBe(40);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });
});
