import { useState, type ReactNode } from 'react';
import type { FlowDocument } from '@fireflow/protocol';
import { EditorStoreContext } from './context.ts';
import { createEditorStore } from './createEditorStore.ts';

/** Owns the store of one editor; another flow remounts it (keyed by id). */
export function EditorStoreProvider({ doc, children }: { doc: FlowDocument; children: ReactNode }) {
  const [store] = useState(() => createEditorStore(doc));
  return <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>;
}
