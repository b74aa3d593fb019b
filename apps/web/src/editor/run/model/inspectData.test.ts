import { describe, expect, it } from 'vitest';
import type { DispatchEvent } from '@fireflow/protocol';
import { applyEvents } from './applyEvents.ts';
import { emptyRunModel } from './runModel.ts';

const ids = { run_id: 'run_2', context_id: 'run_2' };
const request = { id: 'r1', kind: 'product' as const, node_id: 'p', params: { name: 'n' }, idempotency_key: 'k1' };

// What the inspector shows comes from these fields of the events; older history lacks them and still loads.
const events: DispatchEvent[] = [
  {
    ...ids,
    id: 1,
    ts: 1,
    type: 'run.started',
    flow_id: 'f',
    flow_name: 'F',
    entry: 'on_p',
    trigger: 'replay',
    replay_of: 'ex_0',
  },
  {
    ...ids,
    id: 2,
    ts: 2,
    type: 'stripe.request.sent',
    request_id: 'r1',
    execution_id: 'e0',
    node_id: 'p',
    kind: 'product',
    method: 'POST',
    path: '/v1/products',
    params: { name: 'n' },
    idempotency_key: 'k1',
    attempt: 1,
  },
  {
    ...ids,
    id: 3,
    ts: 3,
    type: 'stripe.request.failed',
    request_id: 'r1',
    node_id: 'p',
    status: 500,
    error: { error: { type: 'api_error' } },
    duration_ms: 1,
    attempt: 1,
    final: false,
    retry_in_ms: 10,
    stripe_request_id: 'req_a',
  },
  {
    ...ids,
    id: 4,
    ts: 20,
    type: 'stripe.request.sent',
    request_id: 'r1',
    execution_id: 'e0',
    node_id: 'p',
    kind: 'product',
    method: 'POST',
    path: '/v1/products',
    params: { name: 'n' },
    idempotency_key: 'k1',
    attempt: 2,
  },
  {
    ...ids,
    id: 5,
    ts: 25,
    type: 'stripe.request.succeeded',
    request_id: 'r1',
    node_id: 'p',
    status: 200,
    duration_ms: 5,
    object_id: 'prod_1',
    attempt: 2,
    body: { id: 'prod_1', object: 'product' },
    stripe_request_id: 'req_b',
  },
  {
    ...ids,
    id: 6,
    ts: 26,
    type: 'execution.queued',
    execution_id: 'e1',
    node_id: 'on_p',
    file: 'on.js',
    trigger: 'replay',
    parent_request_id: null,
    worker_id: 'default',
    depth: 0,
  },
  {
    ...ids,
    id: 7,
    ts: 27,
    type: 'execution.started',
    execution_id: 'e1',
    node_id: 'on_p',
    input: { request, parsed_data: { id: 'prod_1' } },
  },
];

describe('the run model for the inspector', () => {
  it('keeps each attempt with its Request-Id, the answer, the key and the inputs', () => {
    const model = emptyRunModel('run_2');
    applyEvents(model, events);
    expect(model).toMatchObject({ trigger: 'replay', replayOf: 'ex_0' });
    const call = model.requests.get('r1');
    expect(call?.idempotencyKey).toBe('k1');
    expect(call?.body).toEqual({ id: 'prod_1', object: 'product' });
    expect(call?.stripeRequestId).toBe('req_b');
    expect(call?.attemptLog.map((a) => [a.attempt, a.outcome, a.httpStatus, a.stripeRequestId])).toEqual([
      [1, 'failed', 500, 'req_a'],
      [2, 'succeeded', 200, 'req_b'],
    ]);
    expect(model.executions.get('e1')?.input).toEqual({ request, parsed_data: { id: 'prod_1' } });
  });

  it('reads a run recorded before inputs were kept', () => {
    const model = emptyRunModel('run_2');
    const old = events.map((event) => {
      const copy = { ...event } as Record<string, unknown>;
      delete copy.input;
      delete copy.body;
      delete copy.stripe_request_id;
      if (event.type === 'run.started') delete copy.trigger;
      return copy as DispatchEvent;
    });
    applyEvents(model, old);
    expect(model.trigger).toBe('manual');
    expect(model.requests.get('r1')?.body).toBeUndefined();
    expect(model.executions.get('e1')?.input).toBeNull();
  });
});
