import { DelayedError, type Job } from 'bullmq';
import { StripeCallJob, type DispatchEventInput } from '@fireflow/protocol';
import type { StripeCaller } from '../stripe/caller.ts';
import { attemptCall, emitRefused, emitTooDeep, followUp, queuedEvent, type AttemptStep } from '../dispatch/steps.ts';
import { createEventBuffer, type EventBuffer } from './event-buffer.ts';
import { callUnit } from './keys.ts';
import { prepareJob, type JobFlow, type WorkerContext } from './job-context.ts';
import { RetryLater } from './queues.ts';
import type { CompleteResult, WriteResult } from './run-store.ts';
import { queueFollowUps } from './follow-ups.ts';

export interface StripeCallProcessorContext extends WorkerContext {
  caller: StripeCaller;
}

/** A call still unanswered after this long shows as in flight; a quicker one reaches Redis with its answer. */
const SHOW_IN_FLIGHT_AFTER_MS = 50;

/** A call waiting for one of its run's in-flight slots asks again after about this long. */
const SLOT_RETRY_MS = 200;

/**
 * One attempt of a Stripe call per job run. A retryable answer throws `RetryLater`, so BullMQ re-runs the job after
 * the backoff with the same data — the same idempotency key.
 */
export function stripeCallProcessor(ctx: StripeCallProcessorContext) {
  return async (job: Job, token?: string): Promise<void> => {
    const parsed = StripeCallJob.safeParse(job.data);
    if (!parsed.success) {
      ctx.log(`dropping Stripe call job ${job.id}: ${parsed.error.message}`);
      return;
    }
    const call = parsed.data;
    const unit = callUnit(call.request_id);
    const flow = await prepareJob(ctx, job, call.run_id, unit);
    if (!flow) return;
    if (!(await ctx.budgets.acquireSlot(call.run_id, unit))) {
      // Waiting is not an attempt: a delayed job keeps its attempt count, so the Stripe attempt number holds.
      await job.moveToDelayed(Date.now() + SLOT_RETRY_MS * (1 + Math.random()), token);
      throw new DelayedError();
    }
    let completed: boolean;
    try {
      completed = await callOnce(ctx, job, call, unit, flow);
    } catch (error) {
      // A call waiting for its retry keeps its slot; anything else gives it back (a re-run takes it again).
      if (!(error instanceof RetryLater)) await ctx.budgets.releaseSlot(call.run_id, unit).catch(() => undefined);
      throw error;
    }
    // Completing the unit gave the slot back already.
    if (!completed) await ctx.budgets.releaseSlot(call.run_id, unit);
  };
}

/**
 * One attempt of the call, and the follow-up its final answer dispatches (throws `RetryLater` for a retry): the
 * call's unit completes with the follow-up as a pending unit, then the follow-up is queued. False: it stopped before
 * completing (its run is over).
 */
async function callOnce(
  ctx: StripeCallProcessorContext,
  job: Job,
  call: StripeCallJob,
  unit: string,
  flow: JobFlow,
): Promise<boolean> {
  const { bundle } = flow;
  const events = createEventBuffer();
  let shown: Promise<WriteResult> = Promise.resolve('ok');
  let timer: NodeJS.Timeout | undefined;
  const emit = (event: DispatchEventInput) => {
    events.emit(event);
    if (event.type !== 'stripe.request.sent') return;
    timer = setTimeout(() => (shown = ctx.store.append(call.run_id, unit, events.take())), SHOW_IN_FLIGHT_AFTER_MS);
  };
  const step = await attemptCall(call, job.attemptsMade + 1, { bundle, emit, redact: ctx.redact, caller: ctx.caller });
  clearTimeout(timer);
  // A re-run of finished work (`done`) goes on: completing tells it which kept follow-up needs queueing again.
  if ((await shown) === 'stale') return false;
  if (step.kind === 'retry') {
    if ((await ctx.store.append(call.run_id, unit, events.take())) === 'stale') return false;
    throw new RetryLater(step.delayMs);
  }
  await completeCall(ctx, call, unit, flow, events, step);
  return true;
}

/**
 * Completes a call's unit with its final answer's events and the follow-up that answer dispatches (as a pending
 * unit), then queues the follow-up.
 */
export async function completeCall(
  ctx: WorkerContext,
  call: StripeCallJob,
  unit: string,
  flow: JobFlow,
  events: EventBuffer,
  step: Extract<AttemptStep, { kind: 'final' }>,
): Promise<void> {
  const { bundle } = flow;
  const next = followUp(call, step, bundle, ctx.maxDepth);
  const stepCtx = { bundle, emit: events.emit, redact: ctx.redact };
  if (next.kind === 'too_deep') emitTooDeep(next.job, ctx.maxDepth, stepCtx);
  let done: CompleteResult;
  if (next.kind !== 'job') {
    done = await ctx.store.complete(call.run_id, unit, { events: events.take(), deltas: events.counts, followUps: [] });
  } else {
    // Completing admits the follow-up's dispatch in the same step; a refusal writes nothing, so complete again with
    // the refusal's events in place of the follow-up.
    const { run_id: runId } = call;
    const before = events.take();
    events.emit(queuedEvent(next.job, bundle));
    done = await ctx.store.complete(runId, unit, {
      events: [...before, ...events.take()],
      deltas: events.counts,
      followUps: [{ kind: 'execution', job: next.job }],
      admit: next.job.execution_id,
    });
    if (done.refused) {
      emitRefused(next.job, done.refused, stepCtx);
      done = await ctx.store.complete(runId, unit, {
        events: [...before, ...events.take()],
        deltas: events.counts,
        followUps: [],
      });
    }
  }
  // On `done` (this call ran twice) the follow-up kept by the first completion, whatever this answer was.
  await queueFollowUps(ctx.queues, done.queue, flow.digest);
}
