import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { DispatchEventInput, FlowBundle } from '@fireflow/protocol';
import { oneStepFlow } from '../../testkit/flows.ts';
import { closeRedis, connectRedis } from '../connect.ts';
import { bundleDigestOf, createRunStore, type RunStore } from '../run-store.ts';
import { SETTLED_EVENTS_TTL_SECONDS, SETTLED_STATE_TTL_SECONDS, callUnit, executionUnit, runKeys } from '../keys.ts';
import { budgetFields, createBudgetStore } from '../budget-store.ts';
import { DEFAULT_RUN_BUDGETS } from '../../dispatch/budgets.ts';
import { startTestRedis, type TestRedis } from './redis-server.ts';
import type { FollowUpJob } from '../follow-ups.ts';
import { stripeCallJob } from '../../testkit/stripe-job.ts';

const log = (runId: string, message: string): DispatchEventInput => ({
  type: 'execution.log',
  run_id: runId,
  context_id: runId,
  ts: Date.now(),
  execution_id: 'ex_1',
  node_id: 'main',
  level: 'log',
  message,
});

/** A Stripe call an execution fired, as its completion passes it on. */
const callJob = (requestId: string, params: Record<string, unknown> = {}): FollowUpJob => ({
  kind: 'call',
  job: { ...stripeCallJob(params), request_id: requestId },
});

/** The execution a call's answer dispatches, as its completion passes it on. */
const executionJob = (executionId: string): FollowUpJob => ({
  kind: 'execution',
  job: {
    ...{ run_id: 'run_1', flow_id: 'f', context_id: 'ctx_1', execution_id: executionId, worker_id: 'default' },
    ...{ node_id: 'on_response', depth: 1, parent_request_id: 'req_1', input: { trigger: 'entry' } },
  },
});

const counts = (executions: number, failed = 0, calls = 0, callFailures = 0) => ({
  executions,
  failed_executions: failed,
  stripe_calls: calls,
  stripe_failures: callFailures,
});

describe('run bookkeeping in Redis (Lua scripts)', () => {
  let redis: TestRedis;
  let client: Redis;
  let store: RunStore;
  const bundle: FlowBundle = oneStepFlow('product', { main: 'print(1);' });
  let n = 0;
  /** A run in Redis whose entry is `unit`, with these budgets, stored with these events (`run.started`'s, say). */
  const start = async (unit: string, budget: Array<string | number> = [], events: string[] = []) => {
    const runId = `run_store${(n += 1)}`;
    await store.start({
      runId,
      flowId: 'f',
      contextId: runId,
      bundle,
      startedAt: Date.now(),
      unit,
      events,
      budget,
    });
    return runId;
  };
  /** A run with these budgets whose entry completed having fired two calls, `<prefix>1` and `<prefix>2`. */
  const startWithTwoCalls = async (prefix: string, budget: Array<string | number>) => {
    const runId = await start(executionUnit(`ex_${prefix}`), budget);
    await store.complete(runId, executionUnit(`ex_${prefix}`), {
      events: [],
      deltas: counts(1),
      followUps: [callJob(`req_${prefix}1`), callJob(`req_${prefix}2`)],
    });
    return { runId, first: callUnit(`req_${prefix}1`), second: callUnit(`req_${prefix}2`) };
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    client = await connectRedis(redis.url, { name: 'test' });
    store = createRunStore(client);
  });
  afterAll(async () => {
    await closeRedis(client);
    await redis.dispose();
  });

  it('completes a unit once: a job that runs twice neither double-counts nor settles twice', async () => {
    const runId = await start(executionUnit('ex_a'));
    const entry = { events: [], deltas: counts(1), followUps: [callJob('req_a')] };
    expect(await store.complete(runId, executionUnit('ex_a'), entry)).toEqual({
      result: 'ok',
      settled: null,
      queue: [callJob('req_a')],
      refused: null,
    });
    // A re-run, say after a crash before its call was queued: nothing counted, the call to queue again.
    expect(await store.complete(runId, executionUnit('ex_a'), entry)).toEqual({
      result: 'done',
      settled: null,
      queue: [callJob('req_a')],
      refused: null,
    });
    const call = { events: [], deltas: counts(0, 0, 1), followUps: [] };
    const { settled } = await store.complete(runId, callUnit('req_a'), call);
    expect(settled).toMatchObject({ type: 'run.settled', status: 'succeeded', counts: counts(1, 0, 1) });
    expect((await store.complete(runId, callUnit('req_a'), call)).result).toBe('stale');
    expect((await store.complete(runId, executionUnit('ex_a'), entry)).result).toBe('stale');
    const settledEvents = (await store.readEvents(runId, 0)).filter((event) => event.type === 'run.settled');
    expect(settledEvents).toHaveLength(1);
    expect(await store.settledEvent(runId)).toEqual(settled);
  });

  it('keeps a run for days while it goes; settled, its events an hour and how it ended a day', async () => {
    const unit = executionUnit('ex_ttl');
    const runId = await start(unit, [], [JSON.stringify(log('run_store_ttl', 'started'))]);
    const { meta, events } = runKeys(runId);
    for (const key of [meta, events]) expect(await client.ttl(key)).toBeGreaterThan(SETTLED_STATE_TTL_SECONDS);
    const { settled } = await store.complete(runId, unit, { events: [], deltas: counts(1), followUps: [] });
    expect(await client.ttl(events)).toBeGreaterThan(0);
    expect(await client.ttl(events)).toBeLessThanOrEqual(SETTLED_EVENTS_TTL_SECONDS);
    expect(await client.ttl(meta)).toBeGreaterThan(SETTLED_EVENTS_TTL_SECONDS);
    expect(await client.ttl(meta)).toBeLessThanOrEqual(SETTLED_STATE_TTL_SECONDS);
    // Its state keeps only when and how it ended, which is all a settled run is asked.
    expect(Object.keys(await client.hgetall(meta)).sort()).toEqual(['settled', 'started']);
    expect(await store.settledEvent(runId)).toEqual(settled);
    expect(await store.jobState(runId, unit)).toEqual({ kind: 'stale' });
  });

  it('lets a re-run of finished work leave no trace: no units re-added, no events appended', async () => {
    const runId = await start(executionUnit('ex_b'));
    const again = [JSON.stringify(log(runId, 'again'))];
    const first = { events: [JSON.stringify(log(runId, 'first run'))], deltas: counts(1, 1), followUps: [] };
    await store.complete(runId, executionUnit('ex_b'), { ...first, followUps: [callJob('req_b', { amount: 1 })] });
    const running = await store.readEvents(runId, 0);
    expect(await store.append(runId, executionUnit('ex_b'), again)).toBe('done');
    // What the re-run computed (another amount, another call) is ignored: the call kept by the first is queued.
    const rerun = {
      events: again,
      deltas: counts(1),
      followUps: [callJob('req_b', { amount: 2 }), callJob('req_new')],
    };
    expect(await store.complete(runId, executionUnit('ex_b'), rerun)).toMatchObject({
      result: 'done',
      queue: [callJob('req_b', { amount: 1 })],
    });
    expect(await store.jobState(runId, executionUnit('ex_b'))).toMatchObject({
      kind: 'done',
      queue: [callJob('req_b', { amount: 1 })],
    });
    expect(await store.readEvents(runId, 0)).toEqual(running);
    await store.complete(runId, callUnit('req_b'), { events: [], deltas: counts(0, 0, 1), followUps: [] });
    const before = await store.readEvents(runId, 0);
    expect(before.at(-1)).toMatchObject({ type: 'run.settled', status: 'failed', counts: counts(1, 1, 1) });
    expect(await store.append(runId, callUnit('req_b'), again)).toBe('stale');
    expect(await store.complete(runId, executionUnit('ex_b'), rerun)).toEqual({
      result: 'stale',
      settled: null,
      queue: [],
      refused: null,
    });
    expect(await store.readEvents(runId, 0)).toEqual(before);
    expect(await store.jobState(runId, executionUnit('ex_b'))).toEqual({ kind: 'stale' });
  });

  it('does not queue again a follow-up that is done while its run goes on', async () => {
    const runId = await start(executionUnit('ex_e'));
    const entry = { events: [], deltas: counts(1), followUps: [callJob('req_e1'), callJob('req_e2')] };
    const call = { events: [], deltas: counts(0, 0, 1), followUps: [] };
    expect((await store.complete(runId, executionUnit('ex_e'), entry)).queue).toHaveLength(2);
    await store.complete(runId, callUnit('req_e1'), call);
    expect((await store.complete(runId, executionUnit('ex_e'), entry)).queue).toEqual([callJob('req_e2')]);
    const { settled } = await store.complete(runId, callUnit('req_e2'), call);
    expect(settled).toMatchObject({ counts: counts(1, 0, 2) });
  });

  it('numbers events 1, 2, 3 … across concurrent writers, in stream order', async () => {
    const runId = await start(executionUnit('ex_c'));
    await Promise.all(
      Array.from({ length: 20 }, (_, writer) =>
        store.append(
          runId,
          executionUnit('ex_c'),
          Array.from({ length: 5 }, (_, i) => JSON.stringify(log(runId, `${writer}.${i}`))),
        ),
      ),
    );
    const events = await store.readEvents(runId, 0);
    expect(events.map((event) => event.id)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect((await store.readEvents(runId, 95)).map((event) => event.id)).toEqual([96, 97, 98, 99, 100]);
    // Each writer's five events are one entry: a page of 7 entries after event 12 starts mid-entry.
    const page = await store.readPage(runId, 12, 7);
    expect(page).toMatchObject({ lastId: 45, full: true });
    expect(page.events.map((event) => event.id)).toEqual(Array.from({ length: 33 }, (_, i) => i + 13));
  });

  it('tells an unknown run from a running one', async () => {
    expect(await store.settledEvent('run_never')).toBeUndefined();
    expect(await store.jobState('run_never', executionUnit('x'))).toEqual({ kind: 'unknown_run' });
    expect(await store.append('run_never', executionUnit('x'), [])).toBe('stale');
    expect(await client.exists(runKeys('run_never').meta)).toBe(0);
    const runId = 'run_store_known';
    const { bundleDigest } = await store.start({
      runId,
      flowId: 'f',
      contextId: runId,
      bundle,
      startedAt: 0,
      unit: executionUnit('ex_d'),
      events: [],
      budget: [],
    });
    expect(await store.settledEvent(runId)).toBeNull();
    const state = await store.jobState(runId, executionUnit('ex_d'));
    expect(state.kind === 'ready' && JSON.parse(state.bundleJson ?? '')).toEqual(bundle);
    // Jobs name the flow snapshot by this digest; a worker that computes it from the stored text gets the same.
    expect(state).toMatchObject({ kind: 'ready', bundleDigest });
    expect(state.kind === 'ready' && bundleDigestOf(state.bundleJson ?? '')).toBe(bundleDigest);
    await expect(
      store.start({ runId, flowId: 'f', contextId: runId, bundle, startedAt: 0, unit: 'x', events: [], budget: [] }),
    ).rejects.toThrow(/RUN_EXISTS/);
  });

  it("gives a call's in-flight slot back when its unit completes, re-run or not, and drops the books at settlement", async () => {
    const budgets = createBudgetStore(client);
    const budget = budgetFields({ ...DEFAULT_RUN_BUDGETS, callsInFlight: 1 });
    const { runId, first, second } = await startWithTwoCalls('f', budget);
    expect(await budgets.acquireSlot(runId, first)).toBe(true);
    expect(await budgets.acquireSlot(runId, second)).toBe(false);
    const call = { events: [], deltas: counts(0, 0, 1), followUps: [] };
    await store.complete(runId, first, call);
    expect(await budgets.acquireSlot(runId, first)).toBe(true); // a re-run of the finished call
    expect((await store.complete(runId, first, call)).result).toBe('done');
    expect(await budgets.acquireSlot(runId, second)).toBe(true);
    expect(await client.hget(runKeys(runId).budget, 'max_calls_in_flight')).toBe('1');
    const { settled } = await store.complete(runId, second, call);
    expect(settled).toMatchObject({ status: 'succeeded', counts: counts(1, 0, 2) });
    expect(await client.exists(runKeys(runId).budget, runKeys(runId).inflight)).toBe(0);
  });

  it("admits a call's follow-up while completing it: a refusal writes nothing, is remembered, and stops the run's dispatches", async () => {
    const budget = budgetFields({ ...DEFAULT_RUN_BUDGETS, executions: 2 });
    const { runId, first, second } = await startWithTwoCalls('g', budget);
    const answer = (id: string) => ({ events: [], deltas: counts(0, 0, 1), followUps: [executionJob(id)], admit: id });
    expect(await store.complete(runId, first, answer('ex_g1'))).toMatchObject({
      result: 'ok',
      queue: [executionJob('ex_g1')],
      refused: null,
    });
    const seq = await client.hget(runKeys(runId).meta, 'seq');
    const refused = { budget: 'executions', limit: 2 };
    expect(await store.complete(runId, second, answer('ex_g2'))).toMatchObject({ queue: [], refused });
    // Nothing written: the unit is still pending, no event taken; the same call asked again gets the same answer.
    const kept = JSON.stringify(callJob('req_g2').job);
    expect(await client.hmget(runKeys(runId).meta, 'seq', `u:${second}`, `j:${second}`)).toEqual([seq, 'k', kept]);
    expect(await store.complete(runId, second, answer('ex_g2'))).toMatchObject({ refused });
    const withRefusal = { events: [JSON.stringify(log(runId, 'refused'))], deltas: counts(0, 0, 1), followUps: [] };
    expect(await store.complete(runId, second, withRefusal)).toMatchObject({ result: 'ok', queue: [], refused: null });
    // Done, and its kept job dropped with it.
    expect(await client.hmget(runKeys(runId).meta, `u:${second}`, `j:${second}`)).toEqual(['d', null]);
    expect(await client.hget(runKeys(runId).budget, 'executions')).toBe('2');
  });
});
