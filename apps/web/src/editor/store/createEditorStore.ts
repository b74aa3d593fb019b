import { createStore } from 'zustand/vanilla';
import type { FlowDocument } from '@fireflow/protocol';
import { createGraphSlice } from './graphSlice.ts';
import { createHistorySlice } from './historySlice.ts';
import { createRunSlice } from './runSlice.ts';
import type { EditorState } from './state.ts';

/** One store per open editor; tests and each editor instance build their own. */
export function createEditorStore(doc: FlowDocument) {
  return createStore<EditorState>()((...args) => ({
    ...createGraphSlice(doc)(...args),
    ...createHistorySlice(...args),
    ...createRunSlice(...args),
  }));
}

export type EditorStore = ReturnType<typeof createEditorStore>;
