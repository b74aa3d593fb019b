import { describe, expect, it } from 'vitest';
import { UnrecoverableError, Worker } from 'bullmq';
import type { StripeCallJob } from '@fireflow/protocol';
import { oneStepFlow } from '../../testkit/flows.ts';
import type { StripeCaller } from '../../stripe/caller.ts';
import { followUpJobKeys, queueFollowUps, type FollowUpJob } from '../follow-ups.ts';
import { giveUp } from '../give-up.ts';
import { ACTIVE_RUNS_KEY, BULL_PREFIX, STRIPE_QUEUE_NAME, executionQueueName, runKeys } from '../keys.ts';
import { sweepOrphans, type OrphanSweep } from '../orphans.ts';
import { createQueueSet } from '../queues.ts';
import { harnessSuite, type JobHarness, type JobKind, PAYMENT_SCRIPTS, startJobHarness } from './job-harness.ts';

/** Stripe answering every call with a new payment intent; counts the calls. */
function stripe() {
  const calls: StripeCallJob[] = [];
  const caller: StripeCaller = {
    maxAttempts: 1,
    retryDelayMs: () => 0,
    close: () => undefined,
    async attempt(call) {
      calls.push(call);
      const id = `pi_${calls.length}`;
      return { kind: 'succeeded', status: 200, body: JSON.stringify({ id }), object_id: id, duration_ms: 1 };
    },
  };
  return { caller, calls };
}

describe('a kept job that is in no queue is queued by a worker’s sweep', () => {
  const suite = harnessSuite();

  /** A run in Redis, its Stripe, and a sweep over its queues that checks only when told to (runs of any age). */
  async function setUp(crashOnFirst: JobKind[]) {
    const { caller, calls } = stripe();
    const bundle = oneStepFlow('payment_intent', PAYMENT_SCRIPTS);
    const run = await startJobHarness({ ...suite, bundle, caller, crashOnFirst });
    const logs: string[] = [];
    const sweep = sweepOrphans({
      client: suite.client,
      queues: run.queues,
      giveUp: (dead) => giveUp({ ...run.ctx, log: (message) => logs.push(message) }, dead),
      log: (message) => logs.push(message),
      intervalMs: 3_600_000,
      minAgeMs: 0,
    });
    return { run, calls, logs, sweep };
  }

  /** Checks until one queues something, at most `times`; what each check queued. */
  async function checks(sweep: OrphanSweep, times: number): Promise<number[]> {
    const queued: number[] = [];
    for (let i = 0; i < times; i += 1) queued.push(await sweep.check());
    return queued;
  }

  async function settle(run: JobHarness): Promise<void> {
    const [call] = run.queues.calls;
    if (!call) throw new Error('no Stripe call was queued');
    await run.runCall(call);
    const response = run.queues.executions.find((job) => job.input.trigger === 'response');
    if (!response) throw new Error('no response execution was queued');
    await run.runExecution(response);
  }

  it('queues the entry of a run its producer stored but died before queueing', async () => {
    const { run, calls, logs, sweep } = await setUp([]);
    try {
      // The first check may fall between storing and queueing; the second one finds the same unit still jobless.
      expect(await checks(sweep, 2)).toEqual([0, 1]);
      expect(run.queues.executions.map((job) => job.execution_id)).toEqual([run.entryJob.execution_id]);
      expect(logs.join('\n')).toContain(`run ${run.runId}: queued x/${run.entryJob.execution_id} again`);
      await run.runExecution(run.queues.executions[0]!);
      await settle(run);
      expect(await run.store.settledEvent(run.runId)).toMatchObject({ status: 'succeeded' });
      expect(calls).toHaveLength(1);
      // Done units keep no job: nothing is left to queue.
      expect(await checks(sweep, 2)).toEqual([0, 0]);
    } finally {
      sweep.close();
    }
  });

  it('queues a Stripe call whose execution completed but whose worker died before queueing it', async () => {
    const { run, calls, sweep } = await setUp(['call']);
    try {
      await expect(run.runExecution(run.entryJob)).rejects.toThrow('worker killed');
      expect(run.queues.calls).toEqual([]);
      expect(await checks(sweep, 2)).toEqual([0, 1]);
      expect(run.queues.calls).toHaveLength(1);
      await settle(run);
      expect(await run.store.settledEvent(run.runId)).toMatchObject({ status: 'succeeded' });
      expect(calls).toHaveLength(1);
    } finally {
      sweep.close();
    }
  });

  it('leaves alone a job BullMQ holds, and needs two checks in a row to find one missing', async () => {
    const { run, sweep } = await setUp([]);
    const jobKey = followUpJobKeys({ kind: 'execution', job: run.entryJob }).job;
    try {
      expect(await checks(sweep, 1)).toEqual([0]);
      // The job appears (it was being queued): the next check finds it and forgets the earlier sighting.
      await suite.client.hset(jobKey, 'name', 'execution');
      expect(await checks(sweep, 2)).toEqual([0, 0]);
      // Gone again: one sighting is not enough, two are.
      await suite.client.del(jobKey);
      expect(await checks(sweep, 2)).toEqual([0, 1]);
      expect(run.queues.executions.map((job) => job.execution_id)).toEqual([run.entryJob.execution_id]);
    } finally {
      sweep.close();
    }
  });

  it('drops from the runs going one whose state expired while it went', async () => {
    const { run, sweep } = await setUp([]);
    try {
      await suite.client.del(runKeys(run.runId).meta);
      expect(await suite.client.zscore(ACTIVE_RUNS_KEY, run.runId)).not.toBeNull();
      await checks(sweep, 2); // (the suite's earlier runs are in the same Redis: what they queue is not counted)
      expect(await suite.client.zscore(ACTIVE_RUNS_KEY, run.runId)).toBeNull();
      expect(run.queues.executions.filter((job) => job.run_id === run.runId)).toEqual([]);
    } finally {
      sweep.close();
    }
  });
});

describe('a unit whose job BullMQ failed for good is given up on by a worker’s sweep', () => {
  const suite = harnessSuite();

  /** Hands a follow-up's job to BullMQ, takes it as a worker would and fails it for good with `reason`. */
  async function failForGood(followUp: FollowUpJob, reason: string): Promise<void> {
    const queues = createQueueSet(suite.client, () => undefined);
    const name = followUp.kind === 'call' ? STRIPE_QUEUE_NAME : executionQueueName(followUp.job.worker_id);
    const worker = new Worker(name, null, { connection: suite.client, prefix: BULL_PREFIX, autorun: false });
    try {
      await queueFollowUps(queues, [followUp], 'digest');
      const job = await worker.getNextJob('token');
      if (!job) throw new Error(`BullMQ handed out no job from ${name}`);
      await job.moveToFailed(new UnrecoverableError(reason), 'token');
      expect(await job.getState()).toBe('failed');
    } finally {
      await worker.close();
      await queues.close();
    }
  }

  async function setUp() {
    const { caller, calls } = stripe();
    const run = await startJobHarness({
      ...suite,
      bundle: oneStepFlow('payment_intent', PAYMENT_SCRIPTS),
      caller,
      crashOnFirst: [],
    });
    const logs: string[] = [];
    const ctx = { ...run.ctx, log: (message: string) => logs.push(message) };
    const sweep = sweepOrphans({
      client: suite.client,
      queues: run.queues,
      giveUp: (dead) => giveUp(ctx, dead),
      log: ctx.log,
      intervalMs: 3_600_000,
      minAgeMs: 0,
    });
    return { run, calls, logs, sweep };
  }

  it('fails an entry execution with INTERNAL, and its run settles failed instead of staying running', async () => {
    const { run, calls, logs, sweep } = await setUp();
    try {
      await failForGood({ kind: 'execution', job: run.entryJob }, 'Redis went away');
      expect(await run.store.settledEvent(run.runId)).toBeNull();
      // No second sighting is needed: BullMQ will not run a failed job again.
      expect(await sweep.check()).toBe(1);
      expect(await run.store.settledEvent(run.runId)).toMatchObject({ status: 'failed' });
      const events = await run.store.readEvents(run.runId, 0);
      const failed = events.find((event) => event.type === 'execution.failed');
      expect(failed).toMatchObject({
        execution_id: run.entryJob.execution_id,
        error: {
          code: 'INTERNAL',
          message: 'Fireflow gave up on this execution: its job failed 1 time, the last with: Redis went away',
          file: 'main.js',
        },
      });
      expect(logs.join('\n')).toContain(`run ${run.runId}: gave up on x/${run.entryJob.execution_id}`);
      expect(calls).toEqual([]);
      expect(await sweep.check()).toBe(0);
    } finally {
      sweep.close();
    }
  });

  it('fails a Stripe call finally, which runs its error script, when its worker died under it too often', async () => {
    const { run, calls, sweep } = await setUp();
    try {
      await run.runExecution(run.entryJob);
      const [call] = run.queues.calls;
      if (!call) throw new Error('no Stripe call was queued');
      await failForGood({ kind: 'call', job: call }, 'job stalled more than allowable limit');
      expect(await sweep.check()).toBe(1);
      const errorJob = run.queues.executions.find((job) => job.input.trigger === 'error');
      if (!errorJob) throw new Error('no error execution was queued');
      await run.runExecution(errorJob);
      // An error script that ran is a handled outcome.
      expect(await run.store.settledEvent(run.runId)).toMatchObject({ status: 'succeeded' });
      const events = await run.store.readEvents(run.runId, 0);
      expect(events.find((event) => event.type === 'stripe.request.failed')).toMatchObject({
        request_id: call.request_id,
        final: true,
        error: {
          error: {
            type: 'api_error',
            message: 'Fireflow gave up on this Stripe call: its worker stopped while running it more than 20 times',
          },
        },
      });
      expect(events.filter((event) => event.type === 'execution.log').map((event) => event.message)).toEqual([
        'failed api_error',
      ]);
      expect(calls).toEqual([]);
    } finally {
      sweep.close();
    }
  });
});
