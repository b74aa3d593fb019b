import { exhaustiveSwitchError, type DispatchEvent } from '@fireflow/protocol';
import type { AttemptRecord, NodeActivity, RunModel } from './runModel.ts';

function activity(model: RunModel, nodeId: string): NodeActivity {
  let entry = model.nodes.get(nodeId);
  if (!entry) {
    entry = { active: 0, last: null };
    model.nodes.set(nodeId, entry);
  }
  return entry;
}

function finish(model: RunModel, nodeId: string, outcome: 'succeeded' | 'failed') {
  const entry = activity(model, nodeId);
  entry.active = Math.max(0, entry.active - 1);
  entry.last = outcome;
}

function settleAttempt(
  log: AttemptRecord[],
  event: { attempt: number; status: number | null; duration_ms: number; stripe_request_id?: string | null | undefined },
  outcome: 'succeeded' | 'failed',
): void {
  const entry = log.find((item) => item.attempt === event.attempt);
  if (!entry) return;
  entry.outcome = outcome;
  entry.httpStatus = event.status;
  entry.durationMs = event.duration_ms;
  entry.stripeRequestId = event.stripe_request_id ?? null;
}

/**
 * Folds events into `model` in place (the run panel re-renders per batch, not per event).
 * Events already applied (by id) are skipped, so a history load and a live stream may overlap.
 */
export function applyEvents(model: RunModel, events: readonly DispatchEvent[]): void {
  for (const event of events) {
    if (event.id <= model.lastEventId) continue;
    model.lastEventId = event.id;
    model.eventCount += 1;
    model.lastTs = Math.max(model.lastTs ?? event.ts, event.ts);
    model.startedAt ??= event.ts;
    applyOne(model, event);
  }
}

function applyOne(model: RunModel, event: DispatchEvent): void {
  switch (event.type) {
    case 'run.started':
      model.flowName = event.flow_name;
      model.trigger = event.trigger ?? 'manual';
      model.replayOf = event.replay_of ?? null;
      model.startedAt = event.ts;
      model.status = 'running';
      return;
    case 'execution.queued': {
      model.executions.set(event.execution_id, {
        id: event.execution_id,
        nodeId: event.node_id,
        file: event.file,
        trigger: event.trigger,
        parentRequestId: event.parent_request_id,
        workerId: event.worker_id,
        depth: event.depth,
        queuedAt: event.ts,
        startedAt: null,
        endedAt: null,
        durationMs: null,
        status: 'queued',
        error: null,
        items: [],
        input: null,
      });
      const parent = event.parent_request_id ? model.requests.get(event.parent_request_id) : undefined;
      if (parent) parent.childExecutionIds.push(event.execution_id);
      else model.rootIds.push(event.execution_id);
      return;
    }
    case 'execution.started': {
      const execution = model.executions.get(event.execution_id);
      if (execution) {
        execution.status = 'running';
        execution.startedAt = event.ts;
        execution.input = event.input ?? null;
      }
      activity(model, event.node_id).active += 1;
      return;
    }
    case 'execution.log':
      model.executions.get(event.execution_id)?.items.push({
        type: 'log',
        log: { eventId: event.id, ts: event.ts, level: event.level, message: event.message },
      });
      return;
    case 'execution.finished':
    case 'execution.failed': {
      const execution = model.executions.get(event.execution_id);
      const failed = event.type === 'execution.failed';
      if (execution) {
        execution.status = failed ? 'failed' : 'succeeded';
        execution.endedAt = event.ts;
        execution.durationMs = event.duration_ms;
        execution.startedAt ??= event.ts - event.duration_ms;
        if (failed) execution.error = event.error;
      }
      finish(model, event.node_id, failed ? 'failed' : 'succeeded');
      return;
    }
    case 'stripe.request.sent': {
      const attempt = {
        attempt: event.attempt,
        sentAt: event.ts,
        httpStatus: null,
        durationMs: null,
        outcome: 'pending' as const,
        stripeRequestId: null,
      };
      const existing = model.requests.get(event.request_id);
      if (existing) {
        existing.attempts = event.attempt;
        existing.status = 'pending';
        existing.attemptLog.push(attempt);
        return;
      }
      model.requests.set(event.request_id, {
        id: event.request_id,
        executionId: event.execution_id,
        nodeId: event.node_id,
        kind: event.kind,
        path: event.path,
        params: event.params,
        sentAt: event.ts,
        endedAt: null,
        durationMs: null,
        status: 'pending',
        attempts: event.attempt,
        httpStatus: null,
        objectId: null,
        error: null,
        childExecutionIds: [],
        idempotencyKey: event.idempotency_key,
        body: undefined,
        bodyCut: null,
        stripeRequestId: null,
        attemptLog: [attempt],
      });
      model.executions.get(event.execution_id)?.items.push({ type: 'request', requestId: event.request_id });
      activity(model, event.node_id).active += 1;
      return;
    }
    case 'stripe.request.succeeded': {
      const request = model.requests.get(event.request_id);
      if (request) {
        Object.assign(request, {
          status: 'succeeded',
          endedAt: event.ts,
          httpStatus: event.status,
          objectId: event.object_id,
          attempts: event.attempt,
        });
        request.durationMs = event.ts - request.sentAt;
        request.body = event.body;
        request.bodyCut = event.body_cut ?? null;
        request.stripeRequestId = event.stripe_request_id ?? null;
        settleAttempt(request.attemptLog, event, 'succeeded');
      }
      finish(model, event.node_id, 'succeeded');
      return;
    }
    case 'stripe.request.failed': {
      const request = model.requests.get(event.request_id);
      if (request) {
        Object.assign(request, {
          status: event.final ? 'failed' : 'retrying',
          httpStatus: event.status,
          error: event.error,
          attempts: event.attempt,
        });
        request.stripeRequestId = event.stripe_request_id ?? request.stripeRequestId;
        request.bodyCut = event.body_cut ?? null;
        settleAttempt(request.attemptLog, event, 'failed');
        if (event.final) {
          request.endedAt = event.ts;
          request.durationMs = event.ts - request.sentAt;
        }
      }
      if (event.final) finish(model, event.node_id, 'failed');
      return;
    }
    case 'run.settled':
      model.status = event.status;
      model.settledAt = event.ts;
      model.durationMs = event.duration_ms;
      model.counts = event.counts;
      return;
    default:
      exhaustiveSwitchError(event);
  }
}
