import type { Job } from 'bullmq';
import { ExecutionJob } from '@fireflow/protocol';
import type { Sandbox, SandboxLimits } from '../sandbox/types.ts';
import { runExecution } from '../dispatch/steps.ts';
import { createEventBuffer } from './event-buffer.ts';
import { callUnit, executionUnit } from './keys.ts';
import { prepareJob, type WorkerContext } from './job-context.ts';

export interface ExecutionProcessorContext extends WorkerContext {
  sandbox: Sandbox;
  limits: Partial<SandboxLimits> | undefined;
}

/**
 * One execution job: run the script, then — in this order — stage the Stripe calls it fired as pending units, queue
 * them (job id = request id, so a re-run dedupes), and complete the execution's own unit.
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
    if (calls.length > 0) {
      const units = calls.map((call) => callUnit(call.request_id));
      if ((await ctx.store.stage(execution.run_id, unit, units, events.take())) !== 'ok') return;
      await ctx.queues.addStripeCalls(calls, flow.digest);
    }
    await ctx.store.complete(execution.run_id, unit, events.take(), events.counts);
  };
}
