import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchEvent } from '@fireflow/protocol';
import type { Dispatcher } from '@fireflow/engine';
import { oneStepFlow, type TestRedis } from '@fireflow/engine/testkit';
import { startRedisStack, type RedisStack } from '../../testing/redis-stack.ts';

// Redis killed and started again without its data: the runs it held cannot go on, and must not stay `running`.
describe('redis: a restart that loses the runs', () => {
  let stack: RedisStack;
  let redis: TestRedis;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    stack = await startRedisStack({
      mock: { latencyMs: 1_500 },
      worker: { log: () => undefined },
      dispatcher: { log: () => undefined, lostRunCheckMs: 500 },
    });
    ({ redis } = stack);
    [dispatcher] = stack.dispatchers as [Dispatcher];
  });
  afterAll(() => stack?.close());

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
