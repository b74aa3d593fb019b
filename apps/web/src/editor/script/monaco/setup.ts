/**
 * Monaco, bundled: the editor core plus the JavaScript language (tokens and the TypeScript worker for
 * completions and hovers) — no CDN, no other languages. This module is only reached through the lazily
 * loaded ScriptEditor, so none of it is in the initial bundle.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/language/typescript/monaco.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/javascript/javascript.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import TsWorker from 'monaco-editor/esm/vs/language/typescript/ts.worker.js?worker';
import { loader } from '@monaco-editor/react';

// Monaco looks its workers up on the global object by contract; this is configuration, set once.
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

loader.config({ monaco });

// Monaco cancels its pending work when a model or an editor goes away, and some of those cancellations escape as
// uncaught errors named "Canceled" (microsoft/monaco-editor#4859, #5135). Nothing failed: they stay out of the
// console, where they read as crashes. Anything else passes through.
const isMonacoCancel = (value: unknown): boolean =>
  value instanceof Error && value.name === 'Canceled' && value.message === 'Canceled';
window.addEventListener('unhandledrejection', (event) => {
  if (isMonacoCancel(event.reason)) event.preventDefault();
});
window.addEventListener('error', (event) => {
  if (isMonacoCancel(event.error)) event.preventDefault();
});

// Match the editor's surfaces to the app's (see theme/tokens.css) so the code area does not look pasted in.
monaco.editor.defineTheme('fireflow-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#ffffff',
    'editorGutter.background': '#ffffff',
    'editor.lineHighlightBackground': '#f3f4f7',
  },
});
monaco.editor.defineTheme('fireflow-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#161a21',
    'editorGutter.background': '#161a21',
    'editor.lineHighlightBackground': '#1c212a',
  },
});

const js = monaco.languages.typescript.javascriptDefaults;
js.setCompilerOptions({
  target: monaco.languages.typescript.ScriptTarget.ESNext,
  // Scripts run in QuickJS: ES only, no DOM. The script API comes from the extra lib.
  lib: ['es2023'],
  allowJs: true,
  allowNonTsExtensions: true,
  checkJs: false,
  noLib: false,
});
js.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
js.setEagerModelSync(true);

export { monaco };
export type Monaco = typeof monaco;
