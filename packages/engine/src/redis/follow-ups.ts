import { ExecutionJob, StripeCallJob } from '@fireflow/protocol';
import { BULL_PREFIX, STRIPE_QUEUE_NAME, callUnit, executionQueueName, executionUnit } from './keys.ts';
import type { QueueSet } from './queues.ts';

/**
 * A job a completing unit queues next: a Stripe call an execution fired, or the execution a call's final answer
 * dispatches. Its run keeps it, as JSON text, until it completes (see `scripts.ts`), so a re-run of the unit that
 * queued it queues this very job again — not one rebuilt from a second run of the script or a second Stripe answer.
 */
export type FollowUpJob = { kind: 'execution'; job: ExecutionJob } | { kind: 'call'; job: StripeCallJob };

export function followUpUnit(followUp: FollowUpJob): string {
  return followUp.kind === 'call' ? callUnit(followUp.job.request_id) : executionUnit(followUp.job.execution_id);
}

/**
 * BullMQ's keys for a follow-up's job: the job's hash, which exists while the job is queued, running, waiting for a
 * retry or failed for good; and its queue's set of jobs failed for good, with its id.
 */
export function followUpJobKeys(followUp: FollowUpJob): { job: string; failed: string; id: string } {
  const [queue, id] =
    followUp.kind === 'call'
      ? [STRIPE_QUEUE_NAME, followUp.job.request_id]
      : [executionQueueName(followUp.job.worker_id), followUp.job.execution_id];
  return { job: `${BULL_PREFIX}:${queue}:${id}`, failed: `${BULL_PREFIX}:${queue}:failed`, id };
}

const unreadable = (unit: string, why: string) => new Error(`the job kept for ${unit} is not one: ${why}`);

/** A follow-up as its run kept it (its unit tells the kind); throws if the text is not one, naming the unit. */
export function storedFollowUp(unit: string, text: string): FollowUpJob {
  const value: unknown = JSON.parse(text);
  if (unit.startsWith(callUnit(''))) {
    const call = StripeCallJob.safeParse(value);
    if (call.success) return { kind: 'call', job: call.data };
    throw unreadable(unit, call.error.message);
  }
  const execution = ExecutionJob.safeParse(value);
  if (execution.success) return { kind: 'execution', job: execution.data };
  throw unreadable(unit, execution.error.message);
}

/** Queues follow-ups (job id = request or execution id, so queueing one twice dedupes while it is not done). */
export async function queueFollowUps(queues: QueueSet, followUps: FollowUpJob[], flowDigest: string): Promise<void> {
  const calls: StripeCallJob[] = [];
  for (const followUp of followUps) {
    if (followUp.kind === 'call') calls.push(followUp.job);
    else await queues.addExecution(followUp.job, flowDigest);
  }
  await queues.addStripeCalls(calls, flowDigest);
}
