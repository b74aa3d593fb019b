import { useEffect, useMemo, useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import type { editor } from 'monaco-editor';
import { monaco } from './monaco/setup.ts';
import { buildScriptLib } from './api/buildScriptLib.ts';
import type { ScriptContext } from './scriptContext.ts';
import type { RevealRequest } from '../store/state.ts';

export interface ScriptMarker {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
  source: string;
}

export interface ScriptEditorProps {
  flowId: string;
  file: string;
  value: string;
  context: ScriptContext;
  markers: ScriptMarker[];
  /** A place to show (a failed execution's line), once per `seq`. */
  reveal: RevealRequest | null;
  theme: 'light' | 'dark';
  onChange: (text: string) => void;
  onSave: () => void;
  onRun: () => void;
}

const LIB_PATH = 'file:///fireflow/script-api.d.ts';

function toMarker(m: ScriptMarker, model: editor.ITextModel): editor.IMarkerData {
  const line = Math.min(Math.max(1, m.line), model.getLineCount());
  const column = Math.max(1, m.column);
  const end = Math.max(column + 1, model.getLineMaxColumn(line));
  return {
    startLineNumber: line,
    startColumn: column,
    endLineNumber: line,
    endColumn: end,
    message: m.message,
    source: m.source,
    severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
  };
}

export default function ScriptEditor(props: ScriptEditorProps) {
  const { flowId, file, value, context, markers, reveal, theme, onChange } = props;
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null);
  const revealed = useRef(0);
  const showReveal = () => {
    const instance = editorRef.current;
    if (!instance || !reveal || reveal.seq === revealed.current) return;
    revealed.current = reveal.seq;
    const position = { lineNumber: Math.max(1, reveal.line), column: Math.max(1, reveal.column) };
    instance.setPosition(position);
    instance.revealPositionInCenter(position);
    instance.focus();
  };
  useEffect(showReveal);
  const actions = useRef(props);
  actions.current = props;
  const lib = useMemo(() => buildScriptLib(context), [context]);

  // One script's globals at a time: the lib follows the selected script's wiring.
  useEffect(() => {
    const disposable = monaco.languages.typescript.javascriptDefaults.addExtraLib(lib, LIB_PATH);
    return () => disposable.dispose();
  }, [lib]);

  const path = `file:///flows/${flowId}/${file}`;
  useEffect(() => {
    const model = monaco.editor.getModel(monaco.Uri.parse(path));
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'fireflow',
      markers.map((m) => toMarker(m, model)),
    );
  }, [markers, path, value]);

  const onMount: OnMount = (instance) => {
    editorRef.current = instance;
    // Monaco swallows these keys; route them to the editor's save and run.
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => actions.current.onSave());
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => actions.current.onRun());
    showReveal();
  };

  return (
    <Editor
      path={path}
      language="javascript"
      value={value}
      theme={theme === 'dark' ? 'fireflow-dark' : 'fireflow-light'}
      onChange={(text) => onChange(text ?? '')}
      onMount={onMount}
      loading={<div className="editor-loading">Starting the editor…</div>}
      options={{
        fontSize: 13,
        lineHeight: 20,
        fontFamily:
          'ui-monospace, "SF Mono", "Cascadia Code", "JetBrains Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        automaticLayout: true,
        tabSize: 2,
        wordWrap: 'on',
        renderLineHighlight: 'line',
        padding: { top: 8, bottom: 8 },
        fixedOverflowWidgets: true,
        quickSuggestions: { other: true, comments: false, strings: false },
        ariaLabel: `Script editor: ${file}`,
      }}
    />
  );
}
