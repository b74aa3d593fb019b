import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import type { DispatchEvent } from '@fireflow/protocol';
import { createRedisDispatcher, startRedisWorker, type Dispatcher, type RedisWorkerHandle } from '@fireflow/engine';
import { oneStepFlow, startTestRedis, type TestRedis } from '@fireflow/engine/testkit';

// Redis killed and started again without its data: the runs it held cannot go on, and must not stay `running`.
describe('redis: a restart that loses the runs', () => {
  let redis: TestRedis;
  let mock: StripeMock;
  let worker: RedisWorkerHandle;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    redis = await startTestRedis();
    mock = await startStripeMock({ latencyMs: 1_500 });
    const stripe = { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } };
    const log = () => undefined;
    worker = await startRedisWorker({
      redisUrl: redis.url,
      queues: ['default'],
      concurrency: 8,
      stripe,
      threads: 1,
      rateLimit: 0,
      log,
    });
    dispatcher = await createRedisDispatcher({ redisUrl: redis.url, log, lostRunCheckMs: 500 });
  });
  afterAll(async () => {
    await dispatcher?.close();
    await worker?.close();
    await mock?.close();
    await redis?.dispose();
  });

  it('fails every run it lost with RUN_LOST and settles it; runs started afterwards succeed', async () => {
    const bundle = oneStepFlow('product', {
      main: 'new_product().name("lost").create_async();',
      response: 'print("answered");',
    });
    const events: DispatchEvent[] = [];
    let sent = 0;
    let allSent!: () => void;
    const inFlight = new Promise<void>((resolve) => (allSent = resolve));
    const unsubscribe = dispatcher.onEvent((event) => {
      events.push(event);
      if (event.type === 'stripe.request.sent' && (sent += 1) === 10) allSent();
    });
    const runs = await Promise.all(Array.from({ length: 10 }, () => dispatcher.startRun(bundle, { flow_id: 'lost' })));
    const settling = runs.map(({ run_id }) => dispatcher.waitForSettled(run_id));
    await inFlight;
    await redis.stop('SIGKILL');
    await redis.start({ fresh: true });

    const settled = await Promise.all(settling);
    unsubscribe();
    for (const event of settled) expect(event.status).toBe('failed');
    const lost = events.filter((event) => event.type === 'execution.failed' && event.error.code === 'RUN_LOST');
    expect(new Set(lost.map((event) => event.run_id))).toEqual(new Set(runs.map((run) => run.run_id)));

    const after = await dispatcher.startRun(bundle, { flow_id: 'lost' });
    expect((await dispatcher.waitForSettled(after.run_id)).status).toBe('succeeded');
  }, 60_000);
});
