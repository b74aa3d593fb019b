import type { Job } from 'bullmq';
import { ExecutionJob } from '@fireflow/protocol';
import type { Sandbox, SandboxLimits } from '../sandbox/types.ts';
import { runExecution } from '../dispatch/steps.ts';
import { createEventBuffer } from './event-buffer.ts';
import { executionUnit } from './keys.ts';
import { prepareJob, type WorkerContext } from './job-context.ts';
import { queueFollowUps } from './follow-ups.ts';

export interface ExecutionProcessorContext extends WorkerContext {
  sandbox: Sandbox;
  limits: Partial<SandboxLimits> | undefined;
}

/**
 * One execution job: run the script, complete the execution's unit with the Stripe calls it fired as pending units
 * (kept with their jobs), then queue those calls (job id = request id, so queueing twice dedupes).
 */
export function executionProcessor(ctx: ExecutionProcessorContext) {
  return async (job: Job): Promise<void> => {
    const parsed = ExecutionJob.safeParse(job.data);
    if (!parsed.success) {
      ctx.log(`dropping execution job ${job.id}: ${parsed.error.message}`);
      return;
    }
    const execution = parsed.data;
    const unit = executionUnit(execution.execution_id);
    const flow = await prepareJob(ctx, job, execution.run_id, unit);
    if (!flow) return;
    const events = createEventBuffer();
    const calls = await runExecution(execution, {
      bundle: flow.bundle,
      emit: events.emit,
      redact: ctx.redact,
      sandbox: ctx.sandbox,
      limits: ctx.limits,
      budget: ctx.budgets.gate(execution.run_id),
    });
    const followUps = calls.map((job) => ({ kind: 'call' as const, job }));
    const completion = { events: events.take(), deltas: events.counts, followUps };
    const { queue } = await ctx.store.complete(execution.run_id, unit, completion);
    await queueFollowUps(ctx.queues, queue, flow.digest);
  };
}
