import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatcher, RedisWorkerHandle } from '@fireflow/engine';
import { ofType, oneStepFlow, runToSettled } from '@fireflow/engine/testkit';
import { startRedisStack, type RedisStack } from '../../testing/redis-stack.ts';

// The Stripe rate limit lives in Redis (BullMQ's queue limiter), so it holds for all workers together.
describe('redis: Stripe rate limit across workers', () => {
  let stack: RedisStack;
  let workers: RedisWorkerHandle[] = [];
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    stack = await startRedisStack({ worker: { concurrency: 4, rateLimit: 10 }, workers: 2 });
    ({ workers } = stack);
    [dispatcher] = stack.dispatchers as [Dispatcher];
  });
  afterAll(() => stack?.close());

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
