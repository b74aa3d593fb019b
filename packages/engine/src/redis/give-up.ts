import { emitCallGivenUp, emitExecutionGivenUp } from '../dispatch/steps.ts';
import { createEventBuffer } from './event-buffer.ts';
import { followUpUnit, queueFollowUps, type FollowUpJob } from './follow-ups.ts';
import { flowOf, type WorkerContext } from './job-context.ts';
import { completeCall } from './process-stripe-call.ts';
import { MAX_STALLED_COUNT } from './settings.ts';

/** A pending unit whose job BullMQ moved to its failed set: it will never run again. */
export interface DeadJob {
  runId: string;
  followUp: FollowUpJob;
  /** BullMQ's `failedReason`: the last error, or that the job stalled too often. */
  reason: string;
  /** Attempts BullMQ counted. */
  attempts: number;
}

/** What went wrong, for a user reading the run. */
function why(dead: DeadJob): string {
  if (dead.reason.includes('stalled more than allowable limit')) {
    return `its worker stopped while running it more than ${MAX_STALLED_COUNT} times`;
  }
  const times = dead.attempts === 1 ? '1 time' : `${dead.attempts} times`;
  return `its job failed ${times}, the last with: ${dead.reason}`;
}

/**
 * Ends a unit BullMQ gave up on as a failure, so its run can settle instead of staying `running`: an execution
 * fails with `INTERNAL`; a Stripe call fails finally, which dispatches its error script as any final failure does.
 */
export async function giveUp(ctx: WorkerContext, dead: DeadJob): Promise<void> {
  const { runId, followUp } = dead;
  const unit = followUpUnit(followUp);
  const flow = await flowOf(ctx, runId, unit);
  if (!flow) return;
  const events = createEventBuffer();
  const stepCtx = { bundle: flow.bundle, emit: events.emit, redact: ctx.redact };
  if (followUp.kind === 'call') {
    const step = emitCallGivenUp(followUp.job, Math.max(1, dead.attempts), why(dead), stepCtx);
    await completeCall(ctx, followUp.job, unit, flow, events, step);
  } else {
    emitExecutionGivenUp(followUp.job, why(dead), stepCtx);
    const completion = { events: events.take(), deltas: events.counts, followUps: [] };
    const done = await ctx.store.complete(runId, unit, completion);
    await queueFollowUps(ctx.queues, done.queue, flow.digest);
  }
  ctx.log(`run ${runId}: gave up on ${unit} (${why(dead)})`);
}
