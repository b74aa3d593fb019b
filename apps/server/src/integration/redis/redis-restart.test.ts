import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeMock } from '@fireflow/stripe-mock';
import type { Dispatcher } from '@fireflow/engine';
import { logsOf, oneStepFlow, type TestRedis } from '@fireflow/engine/testkit';
import { startRedisStack, type RedisStack } from '../../testing/redis-stack.ts';

// Redis killed and started again on the same port and data dir: workers and dispatcher reconnect, runs settle.
describe('redis: a Redis restart mid-run', () => {
  let stack: RedisStack;
  let redis: TestRedis;
  let mock: StripeMock;
  let dispatcher: Dispatcher;
  const messages: string[] = [];

  beforeAll(async () => {
    const log = (message: string) => void messages.push(message);
    stack = await startRedisStack({ mock: { latencyMs: 100 }, worker: { log }, dispatcher: { log } });
    ({ redis, mock } = stack);
    [dispatcher] = stack.dispatchers as [Dispatcher];
  });
  afterAll(() => stack?.close());

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
