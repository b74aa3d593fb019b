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
  // markersFor reads the store's current state; these say when what it reads has changed (the run model is mutated
  // in place, so its version stands for it).
  return useMemo(
    () => (file ? markersFor(store.getState(), file) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [store, file, diagnostics, runVersion, runMatchesText],
  );
}
