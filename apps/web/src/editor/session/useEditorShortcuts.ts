import { useEffect, useRef } from 'react';
import { useEditorStoreApi } from '../store/useEditor.ts';

interface Actions {
  save: () => unknown;
  run: () => unknown;
}

/** Text fields and Monaco keep their own undo, copy and delete; canvas shortcuts stay out of their way. */
function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('.monaco-editor')) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const hasTextSelection = () => (window.getSelection()?.toString() ?? '') !== '';

export function useEditorShortcuts(actions: Actions) {
  const store = useEditorStoreApi();
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const mod = event.metaKey || event.ctrlKey;
      const key = event.key.toLowerCase();
      // Save and run work everywhere, including inside Monaco and text fields.
      if (mod && key === 's') {
        event.preventDefault();
        void latest.current.save();
        return;
      }
      if (mod && key === 'enter') {
        event.preventDefault();
        void latest.current.run();
        return;
      }
      if (isTextTarget(event.target) || document.querySelector('dialog[open]')) return;
      const state = store.getState();
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) state.redo();
        else state.undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        state.redo();
      } else if (mod && key === 'c' && !hasTextSelection()) {
        if (state.copySelection() > 0) event.preventDefault();
      } else if (mod && key === 'v') {
        if (state.paste() > 0) event.preventDefault();
      } else if (mod && key === 'a' && (event.target as HTMLElement | null)?.closest('.react-flow')) {
        event.preventDefault();
        state.onNodesChange(state.nodes.map((n) => ({ type: 'select', id: n.id, selected: true })));
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && !mod) {
        event.preventDefault();
        state.deleteSelection();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
