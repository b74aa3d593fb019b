import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ExecutionJob, StripeCallJob } from '@fireflow/protocol';
import { oneStepFlow } from '../../testkit/flows.ts';
import { planRun } from '../../dispatch/plan-run.ts';
import { DEFAULT_RUN_BUDGETS } from '../../dispatch/budgets.ts';
import { createInlineSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import type { StripeCaller } from '../../stripe/caller.ts';
import { closeRedis, connectRedis } from '../connect.ts';
import { executionUnit } from '../keys.ts';
import { createLru } from '../lru.ts';
import { budgetFields, createBudgetStore } from '../budget-store.ts';
import { createRunStore } from '../run-store.ts';
import type { QueueSet } from '../queues.ts';
import { executionProcessor } from '../process-execution.ts';
import { stripeCallProcessor } from '../process-stripe-call.ts';
import { startTestRedis, type TestRedis } from './redis-server.ts';

const bundle = oneStepFlow('payment_intent', {
  main: 'new_payment_intent().amount(2000).currency("usd").create_async();',
  response: 'print(`paid ${parsed_data.id}`);',
});

/** Queues that fail the first time each kind of job is added, as a worker killed right then would. */
function crashOnceQueues(): QueueSet & { calls: StripeCallJob[]; executions: ExecutionJob[] } {
  const calls: StripeCallJob[] = [];
  const executions: ExecutionJob[] = [];
  const crashed = new Set<string>();
  const crashOnce = (kind: string) => {
    if (crashed.has(kind)) return;
    crashed.add(kind);
    throw new Error('worker killed');
  };
  return {
    calls,
    executions,
    async addStripeCalls(jobs) {
      if (jobs.length === 0) return;
      crashOnce('call');
      calls.push(...jobs);
    },
    async addExecution(job) {
      crashOnce('execution');
      executions.push(job);
    },
    workersServing: async () => 1,
    close: async () => undefined,
  };
}

/** What BullMQ hands a processor: a first delivery, or a re-delivery after the worker holding it died. */
const jobOf = (data: unknown, name: string, redelivered: boolean) =>
  ({ id: 'job', data, name, attemptsMade: 0, attemptsStarted: redelivered ? 2 : 1, stalledCounter: 0 }) as Job;

describe('a worker killed between completing a unit and queueing its follow-ups', () => {
  let redis: TestRedis;
  let client: Redis;
  let sandbox: Sandbox;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = await connectRedis(redis.url, { name: 'test' });
    sandbox = await createInlineSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
    await closeRedis(client);
    await redis.dispose();
  });

  it('loses no call and no dispatch: the re-delivered job queues them, and writes and counts nothing twice', async () => {
    const store = createRunStore(client);
    const queues = crashOnceQueues();
    let stripeCalls = 0;
    const caller: StripeCaller = {
      maxAttempts: 4,
      retryDelayMs: () => 0,
      close: () => undefined,
      async attempt() {
        stripeCalls += 1;
        return { kind: 'succeeded', status: 200, body: '{"id":"pi_1"}', object_id: 'pi_1', duration_ms: 1 };
      },
    };
    const ctx = {
      store,
      queues,
      budgets: createBudgetStore(client),
      bundles: createLru<string, typeof bundle>(4),
      redact: (text: string) => text,
      maxDepth: 10,
      log: () => undefined,
    };
    const { runId, contextId, started, entryJob } = planRun(bundle, { flow_id: 'f' });
    const { bundleDigest } = await store.start({
      ...{ runId, flowId: 'f', contextId, bundle, startedAt: started.ts },
      ...{ unit: executionUnit(entryJob.execution_id), events: [JSON.stringify(started)] },
      budget: budgetFields(DEFAULT_RUN_BUDGETS),
    });
    const runExecution = executionProcessor({ ...ctx, sandbox, limits: undefined });
    const runCall = stripeCallProcessor({ ...ctx, caller });

    const entry = jobOf(entryJob, `execution:${bundleDigest}`, false);
    await expect(runExecution(entry)).rejects.toThrow('worker killed');
    expect(queues.calls).toHaveLength(0);
    await runExecution(jobOf(entryJob, entry.name, true));
    const [call] = queues.calls;
    if (!call) throw new Error('the re-delivered execution queued no call');

    await expect(runCall(jobOf(call, `stripe-call:${bundleDigest}`, false))).rejects.toThrow('worker killed');
    await runCall(jobOf(call, `stripe-call:${bundleDigest}`, true));
    expect(stripeCalls).toBe(2); // the same call again, with the same idempotency key
    const [response] = queues.executions;
    if (!response) throw new Error('the re-delivered call queued no response execution');

    await runExecution(jobOf(response, `execution:${bundleDigest}`, false));
    const events = await store.readEvents(runId, 0);
    const types = events.map((event) => event.type);
    expect(types.filter((type) => type === 'execution.started')).toHaveLength(2);
    expect(types.filter((type) => type === 'stripe.request.sent')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({
      type: 'run.settled',
      status: 'succeeded',
      counts: { executions: 2, failed_executions: 0, stripe_calls: 1, stripe_failures: 0 },
    });
  });
});
