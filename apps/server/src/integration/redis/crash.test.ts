import os from 'node:os';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { startWorkerProcess, type WorkerProcess } from '../../testing/worker-process.ts';
import { nextEvent } from './wait-for.ts';
import { createRedisDispatcher, type Dispatcher } from '@fireflow/engine';
import {
  BULL_PREFIX,
  closeRedis,
  connectRedis,
  logsOf,
  ofType,
  oneStepFlow,
  startTestRedis,
  STRIPE_QUEUE_NAME,
  type TestRedis,
} from '@fireflow/engine/testkit';

// Real `fireflow worker` processes, stopped politely and killed with SIGKILL (SPEC §6 guarantees).
describe('redis: fireflow worker processes that stop or die', () => {
  let redis: TestRedis;
  let mock: StripeMock;
  let dispatcher: Dispatcher;
  let connection: Redis;
  let stripeQueue: Queue;
  const workers: WorkerProcess[] = [];
  const startWorker = async () => {
    const worker = await startWorkerProcess({ redisUrl: redis.url, stripeBase: mock.url, concurrency: 32 });
    workers.push(worker);
    return worker;
  };
  const bundle = oneStepFlow('payment_intent', {
    main: 'new_payment_intent().amount(1500).currency("eur").create_async();',
    response: 'print(`done ${execution.run_id} ${parsed_data.id}`);',
    error: 'print(`error ${to_json(parsed_error)}`);',
  });
  const sentOf = (runId: string) => (event: { type: string; run_id: string }) =>
    event.type === 'stripe.request.sent' && event.run_id === runId;

  beforeAll(async () => {
    redis = await startTestRedis();
    mock = await startStripeMock();
    dispatcher = await createRedisDispatcher({ redisUrl: redis.url });
    connection = await connectRedis(redis.url, { name: 'test' });
    stripeQueue = new Queue(STRIPE_QUEUE_NAME, { connection, prefix: BULL_PREFIX });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill('SIGKILL')));
    await dispatcher?.close();
    await stripeQueue?.close();
    await closeRedis(connection);
    await mock?.close();
    await redis?.dispose();
  });

  it('on SIGTERM finishes the Stripe call in flight, then exits 0', async () => {
    mock.setLatency(1_500);
    const stopping = await startWorker();
    const runId = `run_sigterm${Date.now()}`;
    const sent = nextEvent(dispatcher, (event) => sentOf(runId)(event));
    await dispatcher.startRun(bundle, { flow_id: 'pi', run_id: runId });
    await sent;
    expect(await stopping.kill('SIGTERM')).toBe(0);
    expect(stopping.output()).toContain('stopped after 1 executions and 1 Stripe calls');
    mock.setLatency(0);
    await startWorker();
    const settled = await dispatcher.waitForSettled(runId);
    const events = await dispatcher.replay(runId, 0);
    expect(settled.status).toBe('succeeded');
    expect(ofType(events, 'stripe.request.sent')).toHaveLength(1);
    expect(logsOf(events, 'on_response')).toHaveLength(1);
  });

  it('gives a killed worker’s Stripe call to another worker within 10 s, with the same key, creating once', async () => {
    // The call answers after 2 s, before the earliest hand-back (lock 5 s, renewed every 2.5 s), so the re-run
    // meets a finished idempotent request rather than one still in flight.
    mock.setLatency(2_000);
    await startWorker();
    const runId = `run_sigkill${Date.now()}`;
    const firstSent = nextEvent(dispatcher, (event) => sentOf(runId)(event));
    await dispatcher.startRun(bundle, { flow_id: 'pi', run_id: runId });
    await firstSent;
    const victimName = (await stripeQueue.getActive())[0]?.processedBy;
    const victim = workers.find((worker) => victimName === `fireflow-${os.hostname()}-${worker.pid}`);
    expect(victim).toBeDefined();
    const secondSent = nextEvent(dispatcher, (event) => sentOf(runId)(event));
    const killedAt = Date.now();
    await victim?.kill('SIGKILL');
    const again = await secondSent;
    expect(again.ts - killedAt).toBeLessThan(10_000);
    const settled = await dispatcher.waitForSettled(runId);
    mock.setLatency(0);
    const events = await dispatcher.replay(runId, 0);
    const keys = new Set(ofType(events, 'stripe.request.sent').map((event) => event.idempotency_key));
    expect(settled.status).toBe('succeeded');
    expect(keys.size).toBe(1);
    // The victim may have died before or after its request reached Stripe; either way one object.
    expect(mock.counters().byIdempotencyKey[[...keys][0] ?? '']?.created).toBe(1);
    expect(ofType(events, 'stripe.request.sent').length).toBeGreaterThanOrEqual(2);
    expect(logsOf(events, 'on_response')[0]).toMatch(new RegExp(`^done ${runId} pi_`));
  });

  it('settles 200 runs across two workers while one is killed mid-way and restarted; nothing is created twice', async () => {
    mock.reset();
    mock.setLatency(20);
    await startWorker();
    const alive = workers.filter((worker) => worker.alive());
    expect(alive).toHaveLength(2);
    const victim = alive[0] as WorkerProcess;
    let settledCount = 0;
    let killed: Promise<unknown> | null = null;
    const unsubscribe = dispatcher.onEvent((event) => {
      if (event.type !== 'run.settled' || (settledCount += 1) !== 50) return;
      killed = victim.kill('SIGKILL').then(startWorker);
    });
    const runs = await Promise.all(Array.from({ length: 200 }, () => dispatcher.startRun(bundle, { flow_id: 'pi' })));
    const settled = await Promise.all(runs.map(({ run_id }) => dispatcher.waitForSettled(run_id)));
    unsubscribe();
    expect(killed).not.toBeNull();
    await killed;
    for (const event of settled) {
      expect(event.status).toBe('succeeded');
      expect(event.counts).toEqual({ executions: 2, failed_executions: 0, stripe_calls: 1, stripe_failures: 0 });
    }
    const histories = await Promise.all(runs.map(({ run_id }) => dispatcher.replay(run_id, 0)));
    for (const [index, events] of histories.entries()) {
      const runId = runs[index]?.run_id ?? '';
      expect(logsOf(events, 'on_response').some((line) => line.startsWith(`done ${runId} pi_`))).toBe(true);
    }
    const perKey = Object.values(mock.counters().byIdempotencyKey);
    expect(perKey).toHaveLength(200);
    expect(perKey.filter((key) => key.created !== 1)).toEqual([]);
    // A kill, the stalled check's hand-over (up to ~8 s) and a new worker process: more than the default on a busy machine.
  }, 60_000);
});
