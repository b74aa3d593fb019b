import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ExecutionJob, StripeCallJob } from '@fireflow/protocol';
import { BULL_PREFIX, RUN_TTL_SECONDS, STRIPE_QUEUE_NAME, executionQueueName } from './keys.ts';

/** The backoff type our jobs use; workers resolve it with `backoffDelayMs`. */
export const BACKOFF_TYPE = 'fireflow';

/**
 * Retries are many because a retry here means our own infrastructure failed (Redis went away mid-job); Stripe's
 * own retry budget is counted by `attemptCall`. Completed jobs are removed: the run's state (its units done), not
 * the job record, is what dedupes a job that is added again.
 */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 50,
  backoff: { type: BACKOFF_TYPE },
  removeOnComplete: true,
  removeOnFail: { age: RUN_TTL_SECONDS },
};

/** Thrown by a job that wants to run again after `delayMs` (a retryable Stripe answer). */
export class RetryLater extends Error {
  constructor(readonly delayMs: number) {
    super(`retry in ${Math.round(delayMs)} ms`);
    this.name = 'RetryLater';
  }
}

export function backoffDelayMs(attemptsMade: number, _type?: string, error?: Error): number {
  if (error instanceof RetryLater) return error.delayMs;
  return Math.min(30_000, 500 * 2 ** Math.max(0, attemptsMade - 1));
}

/**
 * Producer side of our queues, on one shared connection; queues are opened as jobs for them appear. `flowDigest`
 * names the run's flow snapshot; it goes into the job's name (`execution:<digest>`), read by `digestOfJob`.
 */
export interface QueueSet {
  addExecution(job: ExecutionJob, flowDigest: string): Promise<void>;
  addStripeCalls(calls: StripeCallJob[], flowDigest: string): Promise<void>;
  /** Workers currently serving a worker id's queue (BullMQ's client list). */
  workersServing(workerId: string): Promise<number>;
  close(): Promise<void>;
}

export function createQueueSet(connection: Redis, log: (message: string) => void): QueueSet {
  const queues = new Map<string, Queue>();
  const queue = (name: string): Queue => {
    let found = queues.get(name);
    if (!found) {
      found = new Queue(name, { connection, prefix: BULL_PREFIX });
      found.on('error', (error) => log(`queue ${name}: ${error.message}`));
      queues.set(name, found);
    }
    return found;
  };
  return {
    async addExecution(job, flowDigest) {
      const name = `execution:${flowDigest}`;
      await queue(executionQueueName(job.worker_id)).add(name, job, { jobId: job.execution_id, ...JOB_OPTIONS });
    },
    async addStripeCalls(calls, flowDigest) {
      const [only] = calls;
      const name = `stripe-call:${flowDigest}`;
      // addBulk builds an ioredis pipeline, which copies every BullMQ script into it: one call is cheaper alone.
      if (calls.length === 1 && only) {
        await queue(STRIPE_QUEUE_NAME).add(name, only, { jobId: only.request_id, ...JOB_OPTIONS });
        return;
      }
      if (calls.length === 0) return;
      const jobs = calls.map((call) => ({ name, data: call, opts: { jobId: call.request_id, ...JOB_OPTIONS } }));
      await queue(STRIPE_QUEUE_NAME).addBulk(jobs);
    },
    workersServing: (workerId) => queue(executionQueueName(workerId)).getWorkersCount(),
    async close() {
      await Promise.all([...queues.values()].map((each) => each.close()));
      queues.clear();
    },
  };
}
