import { useMemo } from 'react';
import { useEditor } from '../store/useEditor.ts';
import type { ScriptMarker } from './ScriptEditor.tsx';

/** Markers for `file`: diagnostics from the last validate, plus runtime failures in the run on screen. */
export function useScriptMarkers(file: string | null): ScriptMarker[] {
  const diagnostics = useEditor((s) => s.diagnostics);
  const runVersion = useEditor((s) => s.run.version);
  const model = useEditor((s) => s.run.model);
  // Failures point at lines of the text the run executed; once the file is edited they would point nowhere.
  const runMatchesText = useEditor((s) => file !== null && s.run.scripts !== null && s.run.scripts[file] === s.scripts[file]);

  return useMemo(() => {
    if (!file) return [];
    const markers: ScriptMarker[] = diagnostics
      .filter((d) => d.file === file)
      .map((d) => ({ line: d.line, column: d.column, message: d.message, severity: d.severity, source: 'validate' }));
    if (!runMatchesText) return markers;
    const seen = new Set(markers.map((m) => `${m.line}:${m.message}`));
    for (const execution of model.executions.values()) {
      const error = execution.error;
      if (!error || error.file !== file || error.line < 1) continue;
      const message = `${error.code}: ${error.message}`;
      if (seen.has(`${error.line}:${message}`)) continue;
      seen.add(`${error.line}:${message}`);
      markers.push({ line: error.line, column: error.column, message, severity: 'error', source: 'run' });
    }
    return markers;
    // runVersion: the run model is mutated in place; its version says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [diagnostics, file, model, runVersion, runMatchesText]);
}
