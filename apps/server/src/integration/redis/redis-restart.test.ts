import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { createRedisDispatcher, type Dispatcher, type RedisWorkerHandle, startRedisWorker } from '@fireflow/engine';
import { logsOf, oneStepFlow, startTestRedis, type TestRedis } from '@fireflow/engine/testkit';

// Redis killed and started again on the same port and data dir: workers and dispatcher reconnect, runs settle.
describe('redis: a Redis restart mid-run', () => {
  let redis: TestRedis;
  let mock: StripeMock;
  let worker: RedisWorkerHandle;
  let dispatcher: Dispatcher;
  const messages: string[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    mock = await startStripeMock({ latencyMs: 100 });
    const stripe = { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } };
    const log = (message: string) => void messages.push(message);
    worker = await startRedisWorker({
      redisUrl: redis.url,
      queues: ['default'],
      concurrency: 8,
      stripe,
      threads: 1,
      rateLimit: 0,
      log,
    });
    dispatcher = await createRedisDispatcher({ redisUrl: redis.url, log });
  });
  afterAll(async () => {
    await dispatcher?.close();
    await worker?.close();
    await mock?.close();
    await redis?.dispose();
  });

  it('settles every run, each Stripe object created once', async () => {
    const bundle = oneStepFlow('product', {
      main: 'new_product().name(execution.run_id).create_async();',
      response: 'print(`created ${parsed_data.name}`);',
    });
    let settledCount = 0;
    let restarted: Promise<void> | null = null;
    const unsubscribe = dispatcher.onEvent((event) => {
      if (event.type !== 'run.settled' || (settledCount += 1) !== 5) return;
      restarted = redis.stop('SIGKILL').then(() => redis.start());
    });
    const runs = await Promise.all(
      Array.from({ length: 40 }, () => dispatcher.startRun(bundle, { flow_id: 'products' })),
    );
    const settled = await Promise.all(runs.map(({ run_id }) => dispatcher.waitForSettled(run_id)));
    unsubscribe();
    expect(restarted).not.toBeNull();
    await restarted;
    for (const event of settled) {
      expect(event).toMatchObject({ status: 'succeeded', counts: { executions: 2, stripe_calls: 1 } });
      const events = await dispatcher.replay(event.run_id, 0);
      expect(logsOf(events, 'on_response')).toContain(`created ${event.run_id}`);
    }
    const perKey = Object.values(mock.counters().byIdempotencyKey);
    expect(perKey).toHaveLength(40);
    expect(perKey.filter((key) => key.created !== 1)).toEqual([]);
  });
});
