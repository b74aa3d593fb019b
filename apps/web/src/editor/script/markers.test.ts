import { describe, expect, it } from 'vitest';
import type { DispatchEvent, FlowDocument } from '@fireflow/protocol';
import { createEditorStore } from '../store/createEditorStore.ts';
import { markersFor, problemCount } from './markers.ts';

const doc: FlowDocument = {
  id: 'f',
  flow: {
    version: 1,
    name: 'F',
    entry: 'main',
    nodes: [{ id: 'main', type: 'script', file: 'main.js', position: { x: 0, y: 0 } }],
    edges: [],
  },
  scripts: { 'main.js': 'null.boom;' },
};
const ids = { run_id: 'run_1', context_id: 'run_1', ts: 1 };
const failedRun: DispatchEvent[] = [
  { ...ids, id: 1, type: 'run.started', flow_id: 'f', flow_name: 'F', entry: 'main' },
  {
    ...ids,
    id: 2,
    type: 'execution.queued',
    execution_id: 'ex_1',
    node_id: 'main',
    file: 'main.js',
    trigger: 'entry',
    parent_request_id: null,
    worker_id: 'default',
    depth: 0,
  },
  {
    ...ids,
    id: 3,
    type: 'execution.failed',
    execution_id: 'ex_1',
    node_id: 'main',
    duration_ms: 1,
    error: { code: 'SCRIPT_ERROR', message: 'boom', file: 'main.js', line: 1, column: 1 },
  },
];

describe('problemCount', () => {
  it("counts what the script editors show: validate diagnostics and the live run's failures", () => {
    const store = createEditorStore(doc);
    store.getState().setDiagnostics([
      { file: 'flow.json', line: 1, column: 1, message: 'bad edge', severity: 'error' },
      { file: 'main.js', line: 1, column: 1, message: 'style', severity: 'warning' },
    ]);
    expect(problemCount(store.getState())).toBe(1);
    store.getState().startLiveRun('run_1');
    store.getState().appendRunEvents('run_1', failedRun);
    expect(markersFor(store.getState(), 'main.js').map((m) => m.source)).toEqual(['validate', 'run']);
    expect(problemCount(store.getState())).toBe(2);
    // Once the script is edited, the run's failure points nowhere and is no longer counted.
    store.getState().setScript('main.js', 'print(1);');
    expect(problemCount(store.getState())).toBe(1);
  });
});
