import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DispatchEvent } from '@fireflow/protocol';
import { startRedisWorker, type Dispatcher } from '@fireflow/engine';
import { BULL_PREFIX, closeRedis, connectRedis, oneStepFlow } from '@fireflow/engine/testkit';
import { MOCK_SECRET_KEY } from '@fireflow/stripe-mock';
import { startRedisStack, type RedisStack } from '../../testing/redis-stack.ts';

// A producer that stores a run and dies before queueing its entry leaves a run no job will ever move. Its run
// keeps the entry's job, and a worker queues it once two of its checks found it in no queue.
describe('redis: a run whose entry no worker will run', () => {
  let stack: RedisStack;
  let dispatcher: Dispatcher;
  let connection: Redis;

  beforeAll(async () => {
    stack = await startRedisStack({ workers: 0, dispatcher: { log: () => undefined } });
    [dispatcher] = stack.dispatchers as [Dispatcher];
    connection = await connectRedis(stack.redis.url, { name: 'test' });
  });
  afterAll(async () => {
    await closeRedis(connection);
    await stack?.close();
  });

  /** A worker on the default queue that looks for work no queue holds every 200 ms; its log lines go to `logs`. */
  const startSweepingWorker = (logs: string[]) =>
    startRedisWorker({
      redisUrl: stack.redis.url,
      stripe: { baseUrl: stack.mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } },
      queues: ['default'],
      concurrency: 2,
      threads: 1,
      rateLimit: 0,
      orphanCheckMs: 200,
      log: (message) => logs.push(message),
    });

  it('is queued by a worker when it was never queued, runs once and settles', async () => {
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
    const worker = await startSweepingWorker(logs);
    try {
      expect((await settling).status).toBe('succeeded');
      unsubscribe();
      expect(logs.join('\n')).toContain(`run ${run_id}: queued x/${queued.execution_id} again`);
      const ran = events.filter((event) => event.run_id === run_id);
      expect(ran.filter((event) => event.type === 'execution.started')).toHaveLength(2);
      expect(ran.filter((event) => event.type === 'stripe.request.sent')).toHaveLength(1);
      expect(stack.mock.counters().byPath['/v1/products']).toBe(1);
    } finally {
      await worker.close();
    }
  }, 30_000);

  // BullMQ gives up on a job that failed 50 times, or whose worker died under it more than 20 times: nothing would
  // ever complete its unit. A worker's sweep ends it as a failure instead.
  it('settles failed, naming why, when BullMQ failed its entry job for good', async () => {
    const bundle = oneStepFlow('product', { main: 'new_product().name("never").create_async();' });
    // Queued where no worker serves, so the test can take the job and fail it.
    const main = bundle.flow.nodes.find((node) => node.id === 'main');
    if (main?.type !== 'script') throw new Error('the flow has no main script');
    main.worker_id = 'nobody';
    const productsBefore = stack.mock.counters().byPath['/v1/products'] ?? 0;
    const { run_id } = await dispatcher.startRun(bundle, { flow_id: 'given-up' });
    const settling = dispatcher.waitForSettled(run_id);
    const taker = new Worker('fireflow.exec.nobody', null, { connection, prefix: BULL_PREFIX, autorun: false });
    const job = await taker.getNextJob('token');
    if (!job) throw new Error('the entry job is not in its queue');
    await job.moveToFailed(new UnrecoverableError('out of memory'), 'token');
    await taker.close();

    const logs: string[] = [];
    const worker = await startSweepingWorker(logs);
    try {
      const settled = await settling;
      expect(settled).toMatchObject({ status: 'failed', counts: { failed_executions: 1 } });
      const events = await dispatcher.replay(run_id, 0);
      expect(events.find((event) => event.type === 'execution.failed')).toMatchObject({
        execution_id: job.id,
        error: {
          code: 'INTERNAL',
          message: 'Fireflow gave up on this execution: its job failed 1 time, the last with: out of memory',
          file: 'main.js',
        },
      });
      expect(logs.join('\n')).toContain(`run ${run_id}: gave up on x/${job.id}`);
      expect(stack.mock.counters().byPath['/v1/products'] ?? 0).toBe(productsBefore);
    } finally {
      await worker.close();
    }
  }, 30_000);
});
