import {
  STRIPE_KIND_PATH,
  type DispatchEventInput,
  type ExecutionError,
  type ExecutionJob,
  type FlowBundle,
  type RequestInfo,
  type StripeCallJob,
} from '@fireflow/protocol';
import type { RecordedRequest, Sandbox, SandboxLimits, ScriptInputs } from '../sandbox/types.ts';
import type { StripeCaller } from '../stripe/caller.ts';
import { followUpExecutionIdFor, idempotencyKeyFor, requestIdFor } from '../ids.ts';
import { redactValue } from '../redact.ts';
import { routeOutcome, routeRequest, scriptNode } from '../flows/routes.ts';
import { budgetMessage, fitLogs, logBytesOf, type Refusal, type RunBudgetGate } from './budgets.ts';
import { keepBody, keepErrorBody, recordedInput } from '../inspect/kept.ts';

export type Emit = (event: DispatchEventInput) => void;

/** What every step needs; dispatchers build one per run (in-process) or per job (Redis). */
export interface StepContext {
  bundle: FlowBundle;
  emit: Emit;
  redact: (text: string) => string;
  /** The run's budgets; without one, nothing is counted (tests of single steps). */
  budget?: RunBudgetGate | undefined;
}

export const DEFAULT_MAX_DEPTH = 64;

/**
 * An event of `job`'s run: its ids and a timestamp, then `fields`. Built with Object.assign, not `{ ...ids, type, … }`:
 * in V8 (Node 20) a spread followed by more properties costs ~1–3 µs per object against ~0.1 µs, and every Stripe
 * call makes half a dozen events.
 */
function eventOf<T extends object>(job: { run_id: string; context_id: string }, fields: T) {
  return Object.assign({ run_id: job.run_id, context_id: job.context_id, ts: Date.now() }, fields);
}

export function queuedEvent(job: ExecutionJob, bundle: FlowBundle): DispatchEventInput {
  return eventOf(job, {
    type: 'execution.queued' as const,
    execution_id: job.execution_id,
    node_id: job.node_id,
    file: scriptNode(bundle, job.node_id)?.file ?? '',
    trigger: job.input.trigger,
    parent_request_id: job.parent_request_id,
    worker_id: job.worker_id,
    depth: job.depth,
  });
}

function inputsOf(job: ExecutionJob): ScriptInputs {
  const execution = {
    id: job.execution_id,
    run_id: job.run_id,
    context_id: job.context_id,
    worker_id: job.worker_id,
    node_id: job.node_id,
    trigger: job.input.trigger,
  };
  switch (job.input.trigger) {
    case 'entry':
      return job.input.event_json === undefined ? { execution } : { execution, event_json: job.input.event_json };
    case 'response':
      return { execution, response_json: job.input.response_json, request_json: JSON.stringify(job.input.request) };
    case 'error':
      return { execution, error_json: job.input.error_json, request_json: JSON.stringify(job.input.request) };
    case 'replay': {
      const { request, response_json, error_json, event_json } = job.input;
      return Object.assign(
        { execution },
        request === undefined ? {} : { request_json: JSON.stringify(request) },
        response_json === undefined ? {} : { response_json },
        error_json === undefined ? {} : { error_json },
        event_json === undefined ? {} : { event_json },
      );
    }
  }
}

function failure(job: ExecutionJob, started: number, error: ExecutionError, ctx: StepContext): void {
  ctx.emit(
    eventOf(job, {
      type: 'execution.failed' as const,
      execution_id: job.execution_id,
      node_id: job.node_id,
      duration_ms: performance.now() - started,
      error: Object.assign({}, error, { message: ctx.redact(error.message) }),
    }),
  );
}

function budgetError(refusal: Refusal, file: string): ExecutionError {
  return { code: 'RUN_BUDGET', message: budgetMessage(refusal), file, line: 0, column: 0 };
}

/** The calls a finished script fired, routed to their Stripe nodes; or why one has no route. */
function callsOf(
  job: ExecutionJob,
  nodeId: string,
  requests: RecordedRequest[],
  bundle: FlowBundle,
): StripeCallJob[] | { error: string } {
  const calls: StripeCallJob[] = [];
  for (const [index, request] of requests.entries()) {
    const route = routeRequest(bundle, nodeId, request.kind, request.node);
    if (!route.ok) return { error: route.message };
    calls.push({
      run_id: job.run_id,
      flow_id: job.flow_id,
      context_id: request.context_id ?? job.context_id,
      worker_id: request.worker_id ?? job.worker_id,
      request_id: requestIdFor(job.execution_id, index),
      execution_id: job.execution_id,
      source_node_id: nodeId,
      node_id: route.node.id,
      kind: request.kind,
      params: request.params,
      idempotency_key: idempotencyKeyFor(job.execution_id, index),
      secret: request.secret,
      depth: job.depth,
    });
  }
  return calls;
}

/**
 * Runs one execution and returns the Stripe calls it fired (none if it failed). Emits started, logs and
 * finished/failed; the caller emits `stripe.request.*` as it makes the calls.
 */
export async function runExecution(
  job: ExecutionJob,
  ctx: StepContext & { sandbox: Sandbox; limits?: Partial<SandboxLimits> | undefined },
): Promise<StripeCallJob[]> {
  const started = performance.now();
  ctx.emit(
    eventOf(job, {
      type: 'execution.started' as const,
      execution_id: job.execution_id,
      node_id: job.node_id,
      input: recordedInput(job.input, ctx.redact),
    }),
  );
  const node = scriptNode(ctx.bundle, job.node_id);
  const source = node ? ctx.bundle.scripts[node.file] : undefined;
  if (!node || source === undefined) {
    const message = node ? `${node.file} does not exist` : `script node "${job.node_id}" does not exist`;
    failure(job, started, { code: 'SCRIPT_MISSING', message, file: node?.file ?? '', line: 0, column: 0 }, ctx);
    return [];
  }
  const task = { file: node.file, source, inputs: inputsOf(job), ...(ctx.limits ? { limits: ctx.limits } : {}) };
  const result = await ctx.sandbox.run(task);
  const routed = result.ok ? callsOf(job, node.id, result.requests, ctx.bundle) : null;
  const calls = routed && !('error' in routed) ? routed : [];
  const verdict = ctx.budget
    ? await ctx.budget.admitOutput(job.execution_id, logBytesOf(result.logs), calls.length)
    : { refused: null, logBytes: Number.POSITIVE_INFINITY };
  const logs = verdict.refused?.budget === 'log_bytes' ? fitLogs(result.logs, verdict.logBytes) : result.logs;
  for (const log of logs) {
    ctx.emit({
      run_id: job.run_id,
      context_id: job.context_id,
      ts: log.ts,
      type: 'execution.log',
      execution_id: job.execution_id,
      node_id: job.node_id,
      level: log.level,
      message: ctx.redact(log.message),
    });
  }
  if (!result.ok) {
    failure(job, started, result.error, ctx);
    return [];
  }
  if (routed && 'error' in routed) {
    failure(job, started, { code: 'NO_ROUTE', message: routed.error, file: node.file, line: 0, column: 0 }, ctx);
    return [];
  }
  if (verdict.refused) {
    failure(job, started, budgetError(verdict.refused, node.file), ctx);
    return [];
  }
  ctx.emit(
    eventOf(job, {
      type: 'execution.finished' as const,
      execution_id: job.execution_id,
      node_id: job.node_id,
      duration_ms: performance.now() - started,
    }),
  );
  return calls;
}

export type AttemptStep =
  { kind: 'retry'; delayMs: number } | { kind: 'final'; port: 'response' | 'error'; payload: string };

/** Makes attempt number `attempt` (1-based) of a call and says what happens next. Emits sent + outcome. */
export async function attemptCall(
  call: StripeCallJob,
  attempt: number,
  ctx: StepContext & { caller: StripeCaller },
): Promise<AttemptStep> {
  ctx.emit(
    eventOf(call, {
      type: 'stripe.request.sent' as const,
      request_id: call.request_id,
      node_id: call.node_id,
      execution_id: call.execution_id,
      kind: call.kind,
      method: 'POST' as const,
      path: STRIPE_KIND_PATH[call.kind],
      params: redactValue(call.params, ctx.redact),
      idempotency_key: call.idempotency_key,
      attempt,
    }),
  );
  const outcome = await ctx.caller.attempt(call);
  if (outcome.kind === 'succeeded') {
    const kept = keepBody(outcome.body, ctx.redact);
    ctx.emit(
      eventOf(call, {
        type: 'stripe.request.succeeded' as const,
        request_id: call.request_id,
        node_id: call.node_id,
        status: outcome.status,
        duration_ms: outcome.duration_ms,
        object_id: outcome.object_id,
        attempt,
        body: kept.body,
        ...(kept.cut ? { body_cut: kept.cut } : {}),
        stripe_request_id: outcome.stripe_request_id ?? null,
      }),
    );
    return { kind: 'final', port: 'response', payload: outcome.body };
  }
  const final = !outcome.retryable || attempt >= ctx.caller.maxAttempts;
  const kept = keepErrorBody(outcome.error, ctx.redact);
  const delayMs = final ? 0 : ctx.caller.retryDelayMs(attempt);
  ctx.emit(
    eventOf(call, {
      type: 'stripe.request.failed' as const,
      request_id: call.request_id,
      node_id: call.node_id,
      status: outcome.status,
      error: kept.error,
      ...(kept.cut ? { body_cut: kept.cut } : {}),
      duration_ms: outcome.duration_ms,
      attempt,
      final,
      retry_in_ms: final ? null : Math.round(delayMs),
      stripe_request_id: outcome.stripe_request_id ?? null,
    }),
  );
  return final ? { kind: 'final', port: 'error', payload: JSON.stringify(outcome.error) } : { kind: 'retry', delayMs };
}

export type FollowUp = { kind: 'none' } | { kind: 'job'; job: ExecutionJob } | { kind: 'too_deep'; job: ExecutionJob };

/** The response/error execution a call's final answer dispatches, if a script is wired to that port. */
export function followUp(
  call: StripeCallJob,
  step: Extract<AttemptStep, { kind: 'final' }>,
  bundle: FlowBundle,
  maxDepth: number,
): FollowUp {
  const target = routeOutcome(bundle, call.node_id, step.port);
  if (!target) return { kind: 'none' };
  const request: RequestInfo = {
    id: call.request_id,
    kind: call.kind,
    node_id: call.node_id,
    params: call.params,
    idempotency_key: call.idempotency_key,
  };
  const input =
    step.port === 'response'
      ? { trigger: 'response' as const, request, response_json: step.payload }
      : { trigger: 'error' as const, request, error_json: step.payload };
  const job: ExecutionJob = {
    run_id: call.run_id,
    flow_id: call.flow_id,
    context_id: call.context_id,
    execution_id: followUpExecutionIdFor(call.request_id),
    worker_id: call.worker_id,
    node_id: target.id,
    depth: call.depth + 1,
    parent_request_id: call.request_id,
    input,
  };
  return job.depth > maxDepth ? { kind: 'too_deep', job } : { kind: 'job', job };
}

/** Records a follow-up that will not run as a failed execution of the script it would have run. */
function emitNotRun(job: ExecutionJob, ctx: StepContext, error: (file: string) => ExecutionError): void {
  const file = scriptNode(ctx.bundle, job.node_id)?.file ?? '';
  ctx.emit(queuedEvent(job, ctx.bundle));
  ctx.emit(
    eventOf(job, {
      type: 'execution.failed' as const,
      execution_id: job.execution_id,
      node_id: job.node_id,
      duration_ms: 0,
      error: error(file),
    }),
  );
}

/** Records a dispatch refused by the depth limit as a failed execution of the script it would have run. */
export function emitTooDeep(job: ExecutionJob, maxDepth: number, ctx: StepContext): void {
  emitNotRun(job, ctx, (file) => ({
    code: 'DISPATCH_DEPTH',
    message: `run dispatched more than ${maxDepth} levels deep`,
    file,
    line: 0,
    column: 0,
  }));
}

/**
 * Records a follow-up refused by a run budget as a failed execution of the script it would have run: every refusal
 * is recorded, so a response that never ran is explained in the run itself.
 */
export function emitRefused(job: ExecutionJob, refusal: Refusal, ctx: StepContext): void {
  emitNotRun(job, ctx, (file) => budgetError(refusal, file));
}

/**
 * Records an execution whose job the queue gave up on (Redis mode: it failed or stalled too often) as failed with
 * `why`, so its run can settle.
 */
export function emitExecutionGivenUp(job: ExecutionJob, why: string, ctx: StepContext): void {
  const file = scriptNode(ctx.bundle, job.node_id)?.file ?? '';
  const message = `Fireflow gave up on this execution: ${why}`;
  failure(job, performance.now(), { code: 'INTERNAL', message, file, line: 0, column: 0 }, ctx);
}

/**
 * Records a Stripe call whose job the queue gave up on as finally failed with `why`, and returns the step that
 * dispatches its error script. Whether Stripe received it is unknown: its idempotency key is in the event.
 */
export function emitCallGivenUp(
  call: StripeCallJob,
  attempt: number,
  why: string,
  ctx: StepContext,
): Extract<AttemptStep, { kind: 'final' }> {
  const error = { error: { type: 'api_error', message: `Fireflow gave up on this Stripe call: ${why}` } };
  ctx.emit(
    eventOf(call, {
      type: 'stripe.request.failed' as const,
      request_id: call.request_id,
      node_id: call.node_id,
      status: null,
      error,
      duration_ms: 0,
      attempt,
      final: true,
      retry_in_ms: null,
      stripe_request_id: null,
    }),
  );
  return { kind: 'final', port: 'error', payload: JSON.stringify(error) };
}
