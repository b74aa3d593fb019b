import { describe, expect, it } from 'vitest';
import type { StripeCallJob } from '@fireflow/protocol';
import { oneStepFlow } from '../../testkit/flows.ts';
import type { StripeCaller } from '../../stripe/caller.ts';
import { followUpJobKey } from '../follow-ups.ts';
import { sweepOrphans, type OrphanSweep } from '../orphans.ts';
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
    const jobKey = followUpJobKey({ kind: 'execution', job: run.entryJob });
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
});
