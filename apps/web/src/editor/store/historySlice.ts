import type { StateCreator } from 'zustand';
import type { GraphSnapshot } from '../graph/types.ts';
import { snapshotOf, type EditorState, type HistorySlice } from './state.ts';

const LIMIT = 200;

/**
 * Script text is edited in Monaco, which has its own undo; restoring a snapshot keeps the text a file has now
 * and only brings back files that the undone step removed.
 */
function restore(target: GraphSnapshot, current: GraphSnapshot): GraphSnapshot {
  const scripts = { ...target.scripts };
  for (const file of Object.keys(scripts)) {
    const now = current.scripts[file];
    if (now !== undefined) scripts[file] = now;
  }
  return { ...target, scripts };
}

export const createHistorySlice: StateCreator<EditorState, [], [], HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  commit: () => {
    const state = get();
    set({ past: [...state.past.slice(-LIMIT + 1), snapshotOf(state)], future: [] });
  },
  undo: () => {
    const state = get();
    const previous = state.past.at(-1);
    if (!previous) return;
    const current = snapshotOf(state);
    set({
      ...restore(previous, current),
      past: state.past.slice(0, -1),
      future: [...state.future, current],
      revision: state.revision + 1,
    });
  },
  redo: () => {
    const state = get();
    const next = state.future.at(-1);
    if (!next) return;
    const current = snapshotOf(state);
    set({
      ...restore(next, current),
      future: state.future.slice(0, -1),
      past: [...state.past, current],
      revision: state.revision + 1,
    });
  },
});
