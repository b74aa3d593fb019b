import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DispatchEvent } from '@fireflow/protocol';
import { startRedisWorker, type Dispatcher, type RedisWorkerHandle } from '@fireflow/engine';
import { BULL_PREFIX, closeRedis, connectRedis, oneStepFlow } from '@fireflow/engine/testkit';
import { MOCK_SECRET_KEY } from '@fireflow/stripe-mock';
import { startRedisStack, type RedisStack } from '../../testing/redis-stack.ts';

// A producer that stores a run and dies before queueing its entry leaves a run no job will ever move. Its run
// keeps the entry's job, and a worker queues it once two of its checks found it in no queue.
describe('redis: a run whose entry was never queued', () => {
  let stack: RedisStack;
  let dispatcher: Dispatcher;
  let connection: Redis;
  let worker: RedisWorkerHandle | undefined;

  beforeAll(async () => {
    stack = await startRedisStack({ workers: 0, dispatcher: { log: () => undefined } });
    [dispatcher] = stack.dispatchers as [Dispatcher];
    connection = await connectRedis(stack.redis.url, { name: 'test' });
  });
  afterAll(async () => {
    await worker?.close();
    await closeRedis(connection);
    await stack?.close();
  });

  it('is queued by a worker, runs once and settles', async () => {
    const bundle = oneStepFlow('product', {
      main: 'new_product().name("orphan").create_async();',
      response: 'print(`made ${parsed_data.id}`);',
    });
    const events: DispatchEvent[] = [];
    const unsubscribe = dispatcher.onEvent((event) => events.push(event));
    const { run_id } = await dispatcher.startRun(bundle, { flow_id: 'orphan' });
    const settling = dispatcher.waitForSettled(run_id);
    // No worker is serving yet: take the entry's job out of its queue, as if it had never been added.
    const queued = events.find((event) => event.run_id === run_id && event.type === 'execution.queued');
    if (queued?.type !== 'execution.queued') throw new Error('the run queued no execution');
    const queue = new Queue('fireflow.exec.default', { connection, prefix: BULL_PREFIX });
    expect(await queue.remove(queued.execution_id)).toBe(1);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 0 });
    await queue.close();

    const logs: string[] = [];
    worker = await startRedisWorker({
      redisUrl: stack.redis.url,
      stripe: { baseUrl: stack.mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } },
      queues: ['default'],
      concurrency: 2,
      threads: 1,
      rateLimit: 0,
      orphanCheckMs: 200,
      log: (message) => logs.push(message),
    });
    expect((await settling).status).toBe('succeeded');
    unsubscribe();
    expect(logs.join('\n')).toContain(`run ${run_id}: queued x/${queued.execution_id} again`);
    const ran = events.filter((event) => event.run_id === run_id);
    expect(ran.filter((event) => event.type === 'execution.started')).toHaveLength(2);
    expect(ran.filter((event) => event.type === 'stripe.request.sent')).toHaveLength(1);
    expect(stack.mock.counters().byPath['/v1/products']).toBe(1);
  }, 30_000);
});
