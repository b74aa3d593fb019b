import { useMemo } from 'react';
import { useEditor, useEditorStoreApi } from '../store/useEditor.ts';
import { markersFor } from './markers.ts';
import type { ScriptMarker } from './ScriptEditor.tsx';

/** Markers for `file` (see markersFor), recomputed when diagnostics, the run or the file's text change. */
export function useScriptMarkers(file: string | null): ScriptMarker[] {
  const store = useEditorStoreApi();
  const diagnostics = useEditor((s) => s.diagnostics);
  const runVersion = useEditor((s) => s.run.version);
  const runMatchesText = useEditor(
    (s) => file !== null && s.run.scripts !== null && s.run.scripts[file] === s.scripts[file],
  );
  // runVersion: the run model is mutated in place; its version says when it changed.
  return useMemo(
    () => (file ? markersFor(store.getState(), file) : []),
    [store, file, diagnostics, runVersion, runMatchesText],
  );
}
