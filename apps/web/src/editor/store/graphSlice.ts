import type { StateCreator } from 'zustand';
import type { FlowDocument } from '@fireflow/protocol';
import { snapshotFromDocument } from '../graph/document.ts';
import { createCanvasActions } from './canvasActions.ts';
import type { EditorState, GraphSlice } from './state.ts';

type Set = Parameters<StateCreator<EditorState>>[0];
type Get = Parameters<StateCreator<EditorState>>[1];

export function initialGraph(doc: FlowDocument) {
  return {
    ...snapshotFromDocument(doc),
    flowId: doc.id,
    revision: 0,
    savedRevision: 0,
    diagnostics: [],
    refusal: null,
    focusRequest: null,
    clipboard: null,
  };
}

function documentActions(set: Set, get: Get) {
  return {
    loadDocument: (doc: FlowDocument) => {
      const revision = get().revision + 1;
      set({ ...snapshotFromDocument(doc), flowId: doc.id, revision, savedRevision: revision, past: [], future: [] });
    },
    markSaved: (revision: number) => set({ savedRevision: revision }),
    setDiagnostics: (diagnostics: EditorState['diagnostics']) => set({ diagnostics }),
    refuse: (message: string | null) =>
      set((s) => ({ refusal: message === null ? null : { message, seq: (s.refusal?.seq ?? 0) + 1 } })),
    setName: (name: string) => {
      if (name === get().name) return;
      get().commit();
      set((s) => ({ name, revision: s.revision + 1 }));
    },
    setEntry: (id: string) => {
      const node = get().nodes.find((n) => n.id === id);
      if (!node || node.type !== 'script' || get().entry === id) return;
      get().commit();
      set((s) => ({ entry: id, revision: s.revision + 1 }));
    },
    setScript: (file: string, text: string) => {
      if (get().scripts[file] === text) return;
      set((s) => ({ scripts: { ...s.scripts, [file]: text }, revision: s.revision + 1 }));
    },
    selectNode: (id: string, focus = false) =>
      set((s) => ({
        nodes: s.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })),
        edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        focusRequest: focus ? { nodeId: id, seq: (s.focusRequest?.seq ?? 0) + 1 } : s.focusRequest,
      })),
  };
}

export function createGraphSlice(doc: FlowDocument): StateCreator<EditorState, [], [], GraphSlice> {
  return (set, get) => ({
    ...initialGraph(doc),
    ...documentActions(set, get),
    ...createCanvasActions(set, get),
  });
}
