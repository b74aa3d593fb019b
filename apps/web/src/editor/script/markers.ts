import type { EditorState } from '../store/state.ts';
import type { ScriptMarker } from './ScriptEditor.tsx';

/** Markers for `file`: diagnostics from the last validate, plus runtime failures in the run on screen. */
export function markersFor(state: EditorState, file: string): ScriptMarker[] {
  const markers: ScriptMarker[] = state.diagnostics
    .filter((d) => d.file === file)
    .map((d) => ({ line: d.line, column: d.column, message: d.message, severity: d.severity, source: 'validate' }));
  // Failures point at lines of the text the run executed; once the file is edited they would point nowhere.
  const runScripts = state.run.scripts;
  if (runScripts === null || runScripts[file] !== state.scripts[file]) return markers;
  const seen = new Set(markers.map((m) => `${m.line}:${m.message}`));
  for (const execution of state.run.model.executions.values()) {
    const error = execution.error;
    if (!error || error.file !== file || error.line < 1) continue;
    const message = `${error.code}: ${error.message}`;
    if (seen.has(`${error.line}:${message}`)) continue;
    seen.add(`${error.line}:${message}`);
    markers.push({ line: error.line, column: error.column, message, severity: 'error', source: 'run' });
  }
  return markers;
}

/** Errors the toolbar counts: every script's markers as its editor shows them, plus problems of flow.json. */
export function problemCount(state: EditorState): number {
  const files = new Set(Object.keys(state.scripts));
  let count = state.diagnostics.filter((d) => d.severity === 'error' && !files.has(d.file)).length;
  for (const file of files) count += markersFor(state, file).filter((m) => m.severity === 'error').length;
  return count;
}
