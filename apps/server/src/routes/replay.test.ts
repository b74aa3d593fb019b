import { describe, expect, it } from 'vitest';
import type { DispatchEvent, RunDetail } from '@fireflow/protocol';
import { HttpError } from '../http/errors.ts';
import { replayPlan } from './replay.ts';

const ids = { run_id: 'run_1', context_id: 'run_1', ts: 1 };
const queued = (execution_id: string, trigger: 'entry' | 'response', id: number): DispatchEvent => ({
  ...ids,
  id,
  type: 'execution.queued',
  execution_id,
  node_id: `node_${execution_id}`,
  file: 'a.js',
  trigger,
  parent_request_id: null,
  worker_id: 'default',
  depth: 0,
});
const started = (execution_id: string, id: number, input?: unknown): DispatchEvent =>
  ({
    ...ids,
    id,
    type: 'execution.started',
    execution_id,
    node_id: `node_${execution_id}`,
    ...(input ? { input } : {}),
  }) as DispatchEvent;

function run(events: DispatchEvent[]): RunDetail {
  return { run_id: 'run_1', flow_id: 'f', status: 'succeeded', started_at: '', duration_ms: 1, counts: null, events };
}
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof HttpError ? `${error.status} ${error.code}` : 'other';
  }
  return 'none';
};

describe('replayPlan', () => {
  it('replays an execution with the inputs it recorded', () => {
    const detail = run([queued('ex_r', 'response', 1), started('ex_r', 2, { parsed_data: { id: 'pi_1' } })]);
    expect(replayPlan(detail, 'ex_r')).toEqual({
      flowId: 'f',
      nodeId: 'node_ex_r',
      input: { trigger: 'replay', response_json: '{"id":"pi_1"}' },
    });
  });

  it('replays an entry execution of older history, which needs no inputs', () => {
    expect(replayPlan(run([queued('ex_e', 'entry', 1), started('ex_e', 2)]), 'ex_e').input).toEqual({
      trigger: 'replay',
    });
  });

  it('refuses what it cannot replay faithfully, saying why', () => {
    expect(codeOf(() => replayPlan(run([]), 'ex_x'))).toBe('404 EXECUTION_NOT_FOUND');
    expect(codeOf(() => replayPlan(run([queued('ex_r', 'response', 1), started('ex_r', 2)]), 'ex_r'))).toBe(
      '409 REPLAY_NO_INPUT',
    );
    const cut = run([
      queued('ex_r', 'response', 1),
      started('ex_r', 2, { parsed_data: '{"id":… [cut]', cut: { bytes: 70000 } }),
    ]);
    expect(codeOf(() => replayPlan(cut, 'ex_r'))).toBe('409 REPLAY_CUT');
  });
});
