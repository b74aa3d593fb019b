import type { Job } from 'bullmq';
import { StripeCallJob, type DispatchEventInput } from '@fireflow/protocol';
import type { StripeCaller } from '../stripe/caller.ts';
import { attemptCall, emitTooDeep, followUp, queuedEvent } from '../dispatch/steps.ts';
import { createEventBuffer } from './event-buffer.ts';
import { callUnit, executionUnit } from './keys.ts';
import { prepareJob, type WorkerContext } from './job-context.ts';
import { RetryLater } from './queues.ts';
import type { WriteResult } from './run-store.ts';

export interface StripeCallProcessorContext extends WorkerContext {
  caller: StripeCaller;
}

/** A call still unanswered after this long shows as in flight; a quicker one reaches Redis with its answer. */
const SHOW_IN_FLIGHT_AFTER_MS = 50;

/**
 * One attempt of a Stripe call per job run. A retryable answer throws `RetryLater`, so BullMQ re-runs the job after
 * the backoff with the same data — the same idempotency key. The final answer's follow-up is staged and queued
 * (job id = follow-up execution id) before the call's unit completes.
 */
export function stripeCallProcessor(ctx: StripeCallProcessorContext) {
  return async (job: Job): Promise<void> => {
    const parsed = StripeCallJob.safeParse(job.data);
    if (!parsed.success) {
      ctx.log(`dropping Stripe call job ${job.id}: ${parsed.error.message}`);
      return;
    }
    const call = parsed.data;
    const unit = callUnit(call.request_id);
    const flow = await prepareJob(ctx, job, call.run_id, unit);
    if (!flow) return;
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
    if ((await shown) !== 'ok') return;
    if (step.kind === 'retry') {
      if ((await ctx.store.append(call.run_id, unit, events.take())) !== 'ok') return;
      throw new RetryLater(step.delayMs);
    }
    const next = followUp(call, step, bundle, ctx.maxDepth);
    if (next.kind === 'job') {
      events.emit(queuedEvent(next.job, bundle));
      const staged = await ctx.store.stage(call.run_id, unit, [executionUnit(next.job.execution_id)], events.take());
      if (staged !== 'ok') return;
      await ctx.queues.addExecution(next.job, flow.digest);
    } else if (next.kind === 'too_deep') {
      emitTooDeep(next.job, ctx.maxDepth, { bundle, emit: events.emit, redact: ctx.redact });
    }
    await ctx.store.complete(call.run_id, unit, events.take(), events.counts);
  };
}
