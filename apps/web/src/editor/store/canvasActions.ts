import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import type { StoreApi } from 'zustand';
import { WebhookNode, WorkerId } from '@fireflow/protocol';
import { copySelection, pasteInto } from '../graph/clipboard.ts';
import { connectionProblem } from '../graph/connection.ts';
import { createNode, type NodeTemplate } from '../graph/factory.ts';
import { layoutLeftToRight } from '../graph/layout.ts';
import { fileNameProblem, nodeIdProblem } from '../graph/names.ts';
import { edgeId, type EditorNode } from '../graph/types.ts';
import { snapshotOf, type EditorState } from './state.ts';

type Set = StoreApi<EditorState>['setState'];
type Get = StoreApi<EditorState>['getState'];

const PASTE_OFFSET = 40;

export function createCanvasActions(set: Set, get: Get) {
  const edit = (patch: Partial<EditorState>) => {
    get().commit();
    set((s) => ({ ...patch, revision: s.revision + 1, refusal: null }));
  };

  return {
    onNodesChange: (changes: NodeChange<EditorNode>[]) => {
      // Deletion goes through deleteSelection (entry guard, script cleanup); the canvas never removes by itself.
      const kept = changes.filter((c) => c.type !== 'remove');
      if (kept.length === 0) return;
      const moved = kept.some((c) => c.type === 'position' && c.position);
      set((s) => ({ nodes: applyNodeChanges(kept, s.nodes), revision: moved ? s.revision + 1 : s.revision }));
    },
    onEdgesChange: (changes: EdgeChange[]) => {
      const kept = changes.filter((c) => c.type === 'select');
      if (kept.length > 0) set((s) => ({ edges: applyEdgeChanges(kept, s.edges) }));
    },
    addNode: (template: NodeTemplate, position: XYPosition) => {
      const state = get();
      const created = createNode(snapshotOf(state), template, position);
      const nodes = [...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), created.node];
      const scripts = created.file ? { ...state.scripts, [created.file]: created.text } : state.scripts;
      edit({ nodes, scripts });
      return created.node.id;
    },
    connect: (connection: Connection) => {
      const state = get();
      const problem = connectionProblem(snapshotOf(state), connection);
      if (problem) return get().refuse(problem);
      const port =
        connection.sourceHandle === 'response' || connection.sourceHandle === 'error' ? connection.sourceHandle : null;
      const edge = {
        id: edgeId(connection.source, connection.target, port),
        source: connection.source,
        target: connection.target,
        sourceHandle: port,
      };
      edit({ edges: [...state.edges, edge] });
    },
    deleteSelection: () => {
      const state = get();
      const doomed = new Set(state.nodes.filter((n) => n.selected).map((n) => n.id));
      const doomedEdges = new Set(state.edges.filter((e) => e.selected).map((e) => e.id));
      if (doomed.size === 0 && doomedEdges.size === 0) return;
      if (doomed.has(state.entry)) {
        return get().refuse(`"${state.entry}" is the entry node. Make another script the entry before deleting it.`);
      }
      const scripts = { ...state.scripts };
      for (const node of state.nodes) if (doomed.has(node.id) && node.type === 'script') delete scripts[node.data.file];
      edit({
        nodes: state.nodes.filter((n) => !doomed.has(n.id)),
        edges: state.edges.filter((e) => !doomedEdges.has(e.id) && !doomed.has(e.source) && !doomed.has(e.target)),
        scripts,
      });
    },
    renameNode: (id: string, next: string) => {
      const state = get();
      const problem = nodeIdProblem(snapshotOf(state), id, next);
      if (problem || id === next) return problem;
      const swap = (value: string) => (value === id ? next : value);
      edit({
        nodes: state.nodes.map((n) => (n.id === id ? { ...n, id: next } : n)),
        edges: state.edges.map((e) => {
          const source = swap(e.source);
          const target = swap(e.target);
          const port = e.sourceHandle === 'response' || e.sourceHandle === 'error' ? e.sourceHandle : null;
          return { ...e, id: edgeId(source, target, port), source, target };
        }),
        entry: swap(state.entry),
      });
      return null;
    },
    renameFile: (id: string, next: string) => {
      const state = get();
      const node = state.nodes.find((n) => n.id === id);
      if (!node || node.type !== 'script') return 'Only script nodes have a file.';
      const current = node.data.file;
      const problem = fileNameProblem(snapshotOf(state), current, next);
      if (problem || current === next) return problem;
      const { [current]: text = '', ...rest } = state.scripts;
      edit({
        nodes: state.nodes.map((n) =>
          n.id === id && n.type === 'script' ? { ...n, data: { ...n.data, file: next } } : n,
        ),
        scripts: { ...rest, [next]: text },
      });
      return null;
    },
    setWorkerId: (id: string, next: string) => {
      const state = get();
      const node = state.nodes.find((n) => n.id === id);
      if (!node || node.type !== 'script') return 'Only script nodes run on a worker queue.';
      if ((node.data.workerId ?? '') === next) return null;
      if (next !== '') {
        const checked = WorkerId.safeParse(next);
        if (!checked.success) return `Worker queue ${checked.error.issues[0]?.message ?? 'is not valid'}.`;
      }
      const { workerId: _old, ...rest } = node.data;
      const data = next === '' ? rest : { ...rest, workerId: next };
      edit({ nodes: state.nodes.map((n) => (n.id === id && n.type === 'script' ? { ...n, data } : n)) });
      return null;
    },
    setWebhook: (id: string, field: 'events' | 'secret', next: string) => {
      const state = get();
      const node = state.nodes.find((n) => n.id === id);
      if (!node || node.type !== 'webhook') return 'Only webhook nodes have event types and a signing secret.';
      const data =
        field === 'events'
          ? {
              ...node.data,
              events: next
                .split(',')
                .map((type) => type.trim())
                .filter((type) => type !== ''),
            }
          : { ...node.data, secret: next };
      const checked = WebhookNode.safeParse({ id, type: 'webhook', position: node.position, ...data });
      if (!checked.success)
        return `${field === 'events' ? 'Event types' : 'Secret'}: ${checked.error.issues[0]?.message ?? 'not valid'}.`;
      edit({ nodes: state.nodes.map((n) => (n.id === id && n.type === 'webhook' ? { ...n, data } : n)) });
      return null;
    },
    autoLayout: () => {
      const state = get();
      const positions = layoutLeftToRight(state.nodes, state.edges);
      edit({ nodes: state.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) });
    },
    copySelection: () => {
      const clip = copySelection(snapshotOf(get()));
      if (clip) set({ clipboard: clip });
      return clip?.nodes.length ?? 0;
    },
    paste: () => {
      const state = get();
      if (!state.clipboard) return 0;
      const pasted = pasteInto(snapshotOf(state), state.clipboard, PASTE_OFFSET);
      edit(pasted);
      // Paste again lands further along, not on top of the previous copy.
      const moved = state.clipboard.nodes.map((n) => ({
        ...n,
        position: { x: n.position.x + PASTE_OFFSET, y: n.position.y + PASTE_OFFSET },
      }));
      set({ clipboard: { ...state.clipboard, nodes: moved } });
      return state.clipboard.nodes.length;
    },
  };
}
