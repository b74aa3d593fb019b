import { useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { EditorStoreContext } from './context.ts';
import type { EditorStore } from './createEditorStore.ts';
import type { EditorState } from './state.ts';

export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) {
    throw new Error(
      'Fireflow: useEditor() was called outside <EditorStoreProvider>. Render the component inside an editor.',
    );
  }
  return store;
}

export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}

/** For selectors that build a new object or array each time. */
export function useEditorShallow<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), useShallow(selector));
}

export const selectDirty = (s: EditorState) => s.revision !== s.savedRevision;
