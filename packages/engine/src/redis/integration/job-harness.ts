import { afterAll, beforeAll } from 'vitest';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ExecutionJob, FlowBundle, StripeCallJob } from '@fireflow/protocol';
import { planRun } from '../../dispatch/plan-run.ts';
import { DEFAULT_RUN_BUDGETS } from '../../dispatch/budgets.ts';
import { createInlineSandbox } from '../../sandbox/index.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import type { StripeCaller } from '../../stripe/caller.ts';
import { executionUnit } from '../keys.ts';
import { createLru } from '../lru.ts';
import { budgetFields, createBudgetStore } from '../budget-store.ts';
import { createRunStore, type RunStore } from '../run-store.ts';
import type { QueueSet } from '../queues.ts';
import { closeRedis, connectRedis } from '../connect.ts';
import { executionProcessor } from '../process-execution.ts';
import { stripeCallProcessor } from '../process-stripe-call.ts';
import type { WorkerContext } from '../job-context.ts';
import { startTestRedis, type TestRedis } from './redis-server.ts';

export type JobKind = 'call' | 'execution';

/** A payment intent whose answer runs a response script and whose failure runs an error script. */
export const PAYMENT_SCRIPTS = {
  main: 'new_payment_intent().amount(2000).currency("usd").create_async();',
  response: 'print(`paid ${parsed_data.id}`);',
  error: 'print(`failed ${parsed_error.error.type}`);',
};

/** A Redis of its own for a suite, started before all its tests and stopped after them, and a client on it. */
export function redisSuite(): { readonly client: Redis } {
  let redis: TestRedis;
  const suite = {} as { client: Redis };
  beforeAll(async () => {
    redis = await startTestRedis();
    suite.client = await connectRedis(redis.url, { name: 'test' });
  });
  afterAll(async () => {
    if (suite.client) await closeRedis(suite.client);
    await redis?.dispose();
  });
  return suite;
}

/** What a suite of harness tests shares: `redisSuite`'s, and a sandbox on the test's thread. */
export function harnessSuite(): { readonly client: Redis; readonly sandbox: Sandbox } {
  const redis = redisSuite();
  const suite = {
    get client() {
      return redis.client;
    },
  } as { client: Redis; sandbox: Sandbox };
  beforeAll(async () => {
    suite.sandbox = await createInlineSandbox();
  });
  afterAll(async () => {
    await suite.sandbox?.close();
  });
  return suite;
}

/** Queues that keep what is added, and fail the first add of each kind named, as a worker killed right then would. */
export interface RecordingQueues extends QueueSet {
  calls: StripeCallJob[];
  executions: ExecutionJob[];
}

export function recordingQueues(crashOnFirst: JobKind[]): RecordingQueues {
  const calls: StripeCallJob[] = [];
  const executions: ExecutionJob[] = [];
  const crashes = new Set(crashOnFirst);
  const crashOnce = (kind: JobKind) => {
    if (!crashes.delete(kind)) return;
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

/** One run of `bundle` in Redis, and the two job processors of a worker, each job handed to them by the test. */
export interface JobHarness {
  /** What the two processors share, as a worker's would. */
  ctx: WorkerContext;
  store: RunStore;
  queues: RecordingQueues;
  runId: string;
  entryJob: ExecutionJob;
  /** Runs an execution job: a first delivery, or (`redelivered`) one handed back after its worker died. */
  runExecution(job: ExecutionJob, redelivered?: boolean): Promise<void>;
  runCall(call: StripeCallJob, redelivered?: boolean): Promise<void>;
}

export interface JobHarnessOptions {
  client: Redis;
  bundle: FlowBundle;
  sandbox: Sandbox;
  caller: StripeCaller;
  crashOnFirst: JobKind[];
}

export async function startJobHarness(options: JobHarnessOptions): Promise<JobHarness> {
  const { client, bundle } = options;
  const store = createRunStore(client);
  const queues = recordingQueues(options.crashOnFirst);
  const ctx: WorkerContext = {
    store,
    queues,
    budgets: createBudgetStore(client),
    bundles: createLru<string, FlowBundle>(4),
    redact: (text: string) => text,
    maxDepth: 10,
    log: () => undefined,
  };
  const { runId, contextId, started, entryJob } = planRun(bundle, { flow_id: 'f' });
  const { bundleDigest } = await store.start({
    ...{ runId, flowId: 'f', contextId, bundle, startedAt: started.ts },
    ...{ unit: executionUnit(entryJob.execution_id), entryJob, events: [JSON.stringify(started)] },
    budget: budgetFields(DEFAULT_RUN_BUDGETS),
  });
  const execution = executionProcessor({ ...ctx, sandbox: options.sandbox, limits: undefined });
  const call = stripeCallProcessor({ ...ctx, caller: options.caller });
  // What BullMQ hands a processor: a first delivery, or a re-delivery after the worker holding it died.
  const jobOf = (data: unknown, name: string, redelivered: boolean) =>
    ({ id: 'job', data, name, attemptsMade: 0, attemptsStarted: redelivered ? 2 : 1, stalledCounter: 0 }) as Job;
  return {
    ctx,
    store,
    queues,
    runId,
    entryJob,
    runExecution: (job, redelivered = false) => execution(jobOf(job, `execution:${bundleDigest}`, redelivered)),
    runCall: (job, redelivered = false) => call(jobOf(job, `stripe-call:${bundleDigest}`, redelivered)),
  };
}
