import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@fireflow/protocol';
import { createEditorStore } from '../store/createEditorStore.ts';
import { bodyFromSnapshot, snapshotFromDocument } from './document.ts';
import { snapshotOf } from '../store/state.ts';

const doc: FlowDocument = {
  id: 'queues',
  flow: {
    version: 1,
    name: 'Queues',
    entry: 'main',
    nodes: [
      { id: 'main', type: 'script', file: 'main.js', position: { x: 0, y: 0 }, worker_id: 'eu-1' },
      { id: 'create_product', type: 'stripe', kind: 'product', position: { x: 300, y: 0 } },
      { id: 'on_response', type: 'script', file: 'on_response.js', position: { x: 600, y: 0 } },
    ],
    edges: [
      { from: 'main', to: 'create_product' },
      { from: 'create_product', port: 'response', to: 'on_response' },
    ],
  },
  scripts: { 'main.js': 'print(1)', 'on_response.js': 'print(2)' },
};

const workerIds = (body: ReturnType<typeof bodyFromSnapshot>) =>
  Object.fromEntries(body.flow.nodes.flatMap((n) => (n.type === 'script' ? [[n.id, n.worker_id ?? null]] : [])));

describe('worker queues in the editor', () => {
  it('keeps a node’s worker_id from load to save', () => {
    expect(workerIds(bodyFromSnapshot(snapshotFromDocument(doc)))).toEqual({ main: 'eu-1', on_response: null });
  });

  it('sets, refuses and clears a worker queue, as one undoable edit each, and survives a file rename', () => {
    const store = createEditorStore(doc);
    const { setWorkerId, renameFile, undo } = store.getState();
    expect(setWorkerId('on_response', 'worker-1')).toBeNull();
    expect(setWorkerId('on_response', 'bad queue:1')).toMatch(/^Worker queue must be 1-64 characters/);
    expect(setWorkerId('create_product', 'x')).toBe('Only script nodes run on a worker queue.');
    expect(renameFile('on_response', 'done.js')).toBeNull();
    expect(setWorkerId('main', '')).toBeNull();
    expect(workerIds(bodyFromSnapshot(snapshotOf(store.getState())))).toEqual({ main: null, on_response: 'worker-1' });
    undo();
    undo();
    expect(workerIds(bodyFromSnapshot(snapshotOf(store.getState())))).toEqual({
      main: 'eu-1',
      on_response: 'worker-1',
    });
  });
});
