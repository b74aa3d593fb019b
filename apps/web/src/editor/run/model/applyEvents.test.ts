import { describe, expect, it } from 'vitest';
import type { DispatchEvent } from '@fireflow/protocol';
import { applyEvents } from './applyEvents.ts';
import { emptyRunModel, nodeRunState } from './runModel.ts';
import { treeRows } from './treeRows.ts';
import { timeAxis, waterfallSpans } from './waterfallRows.ts';

const base = { run_id: 'run_1', context_id: 'ctx' };
let id = 0;
const at = (ts: number) => ({ ...base, id: ++id, ts });

export function sampleRun(): DispatchEvent[] {
  id = 0;
  return [
    { ...at(1000), type: 'run.started', flow_id: 'f', flow_name: 'F', entry: 'main' },
    {
      ...at(1001),
      type: 'execution.queued',
      execution_id: 'e1',
      node_id: 'main',
      file: 'main.js',
      trigger: 'entry',
      parent_request_id: null,
      worker_id: 'default',
      depth: 0,
    },
    { ...at(1002), type: 'execution.started', execution_id: 'e1', node_id: 'main' },
    { ...at(1003), type: 'execution.log', execution_id: 'e1', node_id: 'main', level: 'log', message: 'before' },
    {
      ...at(1004),
      type: 'stripe.request.sent',
      request_id: 'r1',
      execution_id: 'e1',
      node_id: 'pi',
      kind: 'payment_intent',
      method: 'POST',
      path: '/v1/payment_intents',
      params: {},
      idempotency_key: 'k',
      attempt: 1,
    },
    { ...at(1005), type: 'execution.log', execution_id: 'e1', node_id: 'main', level: 'warn', message: 'after' },
    { ...at(1010), type: 'execution.finished', execution_id: 'e1', node_id: 'main', duration_ms: 8 },
    {
      ...at(1100),
      type: 'stripe.request.succeeded',
      request_id: 'r1',
      node_id: 'pi',
      status: 200,
      duration_ms: 96,
      object_id: 'pi_1',
      attempt: 1,
    },
    {
      ...at(1101),
      type: 'execution.queued',
      execution_id: 'e2',
      node_id: 'on_pi',
      file: 'on.js',
      trigger: 'response',
      parent_request_id: 'r1',
      worker_id: 'default',
      depth: 1,
    },
    { ...at(1102), type: 'execution.started', execution_id: 'e2', node_id: 'on_pi' },
    {
      ...at(1110),
      type: 'execution.failed',
      execution_id: 'e2',
      node_id: 'on_pi',
      duration_ms: 8,
      error: { code: 'SCRIPT_ERROR', message: 'boom', file: 'on.js', line: 2, column: 5 },
    },
    {
      ...at(1111),
      type: 'run.settled',
      status: 'failed',
      counts: { executions: 2, failed_executions: 1, stripe_calls: 1, stripe_failures: 0 },
      duration_ms: 111,
    },
  ];
}

describe('applyEvents', () => {
  it('builds executions, calls and their parent links', () => {
    const model = emptyRunModel('run_1');
    applyEvents(model, sampleRun());
    expect(model.status).toBe('failed');
    expect(model.rootIds).toEqual(['e1']);
    expect(model.requests.get('r1')?.childExecutionIds).toEqual(['e2']);
    expect(model.executions.get('e2')?.error?.line).toBe(2);
    expect(nodeRunState(model, 'main')).toBe('succeeded');
    expect(nodeRunState(model, 'on_pi')).toBe('failed');
    expect(nodeRunState(model, 'pi')).toBe('succeeded');
  });

  it('marks a node running while an execution of it is in flight', () => {
    const model = emptyRunModel('run_1');
    applyEvents(model, sampleRun().slice(0, 3));
    expect(nodeRunState(model, 'main')).toBe('running');
  });

  it('skips events it has already applied, so replay and live overlap safely', () => {
    const model = emptyRunModel('run_1');
    const events = sampleRun();
    applyEvents(model, events.slice(0, 6));
    applyEvents(model, events);
    expect(model.eventCount).toBe(events.length);
    expect(model.executions.get('e1')?.items).toHaveLength(3);
  });
});

describe('treeRows', () => {
  it('lists execution → logs and calls in order → dispatched execution → failure', () => {
    const model = emptyRunModel('run_1');
    applyEvents(model, sampleRun());
    const rows = treeRows(model, new Set());
    expect(rows.map((r) => `${r.depth}:${r.type}`)).toEqual([
      '0:execution',
      '1:log',
      '1:request',
      '2:execution',
      '3:failure',
      '1:log',
    ]);
  });

  it('hides the children of collapsed rows', () => {
    const model = emptyRunModel('run_1');
    applyEvents(model, sampleRun());
    expect(treeRows(model, new Set(['r1'])).map((r) => r.type)).toEqual(['execution', 'log', 'request', 'log']);
    expect(treeRows(model, new Set(['e1']))).toHaveLength(1);
  });

  it('lists all of 10,000 log lines as rows of one execution', () => {
    const model = emptyRunModel('run_1');
    const events = sampleRun().slice(0, 3);
    const logs: DispatchEvent[] = Array.from({ length: 10_000 }, (_, i) => ({
      ...at(1003 + i),
      type: 'execution.log',
      execution_id: 'e1',
      node_id: 'main',
      level: 'log',
      message: `line ${i}`,
    }));
    applyEvents(model, [...events, ...logs]);
    const rows = treeRows(model, new Set());
    expect(rows).toHaveLength(10_001);
  });
});

describe('waterfall', () => {
  it('has one span per execution and call, on an axis covering the run', () => {
    const model = emptyRunModel('run_1');
    applyEvents(model, sampleRun());
    expect(waterfallSpans(model).map((s) => s.type)).toEqual(['execution', 'request', 'execution']);
    const axis = timeAxis(model);
    expect(axis.start).toBe(1000);
    expect(axis.end).toBe(1111);
    expect(axis.ticks[0]).toBe(0);
  });
});
