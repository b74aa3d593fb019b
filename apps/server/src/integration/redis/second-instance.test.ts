import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchEvent } from '@fireflow/protocol';
import { createRedisDispatcher, type Dispatcher } from '@fireflow/engine';
import { logsOf, oneStepFlow } from '@fireflow/engine/testkit';
import { startRedisStack, type RedisStack } from '../../testing/redis-stack.ts';

// Two servers on one Redis: what one starts, the other streams, replays and waits for.
describe('redis dispatcher: a second instance', () => {
  let stack: RedisStack;
  let first: Dispatcher;
  let second: Dispatcher;
  const bundle = oneStepFlow('price', {
    main: 'new_price().currency("usd").unit_amount(500).set("product_data", { name: "Gold" }).create_async();',
    response: 'print(parsed_data.unit_amount);',
  });

  beforeAll(async () => {
    stack = await startRedisStack({ worker: { concurrency: 4 }, dispatchers: 2 });
    [first, second] = stack.dispatchers as [Dispatcher, Dispatcher];
  });
  afterAll(() => stack?.close());

  it('streams every event of a run it did not start, in order, and replays it', async () => {
    const streamed: DispatchEvent[] = [];
    const unsubscribe = second.onEvent((event) => streamed.push(event));
    const { run_id } = await first.startRun(bundle, { flow_id: 'prices' });
    const settled = await second.waitForSettled(run_id);
    unsubscribe();
    const mine = streamed.filter((event) => event.run_id === run_id);
    expect(settled.status).toBe('succeeded');
    expect(mine.map((event) => event.id)).toEqual(mine.map((_, index) => index + 1));
    expect(mine.at(-1)).toEqual(settled);
    expect(logsOf(mine, 'on_response')).toEqual(['500']);
    expect(await second.replay(run_id, 0)).toEqual(mine);
    expect(await second.replay(run_id, 5)).toEqual(mine.slice(5));
    expect(await first.replay(run_id, 0)).toEqual(mine);
  });

  it('answers waitForSettled for a run that settled before the call, and refuses an unknown run', async () => {
    const { run_id } = await first.startRun(bundle, { flow_id: 'prices' });
    const settled = await first.waitForSettled(run_id);
    const late = await createRedisDispatcher({ redisUrl: stack.redis.url });
    try {
      expect(await late.waitForSettled(run_id)).toEqual(settled);
      expect((await late.replay(run_id, 0)).at(-1)).toEqual(settled);
      await expect(late.waitForSettled('run_nobody')).rejects.toThrow(/unknown run run_nobody/);
    } finally {
      await late.close();
    }
  });
});
