import { lazy, Suspense, useMemo, useState } from 'react';
import { Icon } from '../../shared/Icon.tsx';
import { STRIPE_KIND_META } from '../../shared/kinds.ts';
import { useColorScheme } from '../../shared/useColorScheme.ts';
import { selectDirty, useEditor, useEditorStoreApi } from '../store/useEditor.ts';
import { contextKey, scriptContext } from './scriptContext.ts';
import { useScriptMarkers } from './useScriptMarkers.ts';

// Monaco is a few MB: it loads the first time a script is opened, never with the app.
const ScriptEditor = lazy(() => import('./ScriptEditor.tsx'));

interface Props {
  nodeId: string;
  save: () => Promise<boolean>;
  run: () => Promise<void>;
}

export function ScriptPane({ nodeId, save, run }: Props) {
  const store = useEditorStoreApi();
  const flowId = useEditor((s) => s.flowId);
  const file = useEditor((s) => {
    const node = s.nodes.find((n) => n.id === nodeId);
    return node?.type === 'script' ? node.data.file : null;
  });
  const text = useEditor((s) => (file ? (s.scripts[file] ?? '') : ''));
  const dirty = useEditor(selectDirty);
  const key = useEditor((s) => contextKey(scriptContext(nodeId, s.entry, s.nodes, s.edges)));
  const context = useMemo(() => JSON.parse(key) as ReturnType<typeof scriptContext>, [key]);
  const markers = useScriptMarkers(file);
  const reveal = useEditor((s) => (s.reveal && s.reveal.file === file ? s.reveal : null));
  const theme = useColorScheme();
  const [maximised, setMaximised] = useState(false);
  if (!file) return null;

  const errors = markers.filter((m) => m.severity === 'error').length;
  return (
    <section
      className={`script-pane${maximised ? ' is-maximised' : ''}`}
      aria-label={`Script ${file}`}
      onKeyDown={(event) => maximised && event.key === 'Escape' && setMaximised(false)}
    >
      <header className="script-pane-head">
        <Icon name="file" size={14} />
        <span className="mono script-file">{file}</span>
        {dirty && (
          <span className="dirty-dot" title="Unsaved changes" aria-label="Unsaved changes">
            ●
          </span>
        )}
        <span className="script-pane-context muted">
          {context.isEntry
            ? 'entry script'
            : context.responseKinds.length > 0
              ? `parsed_data: ${context.responseKinds.map((k) => STRIPE_KIND_META[k].objectName).join(' | ')}`
              : context.errorKinds.length > 0
                ? 'parsed_error'
                : 'not wired'}
        </span>
        {errors > 0 && (
          <span className="problem-count" role="status">
            <Icon name="alert" size={12} /> {errors} {errors === 1 ? 'problem' : 'problems'}
          </span>
        )}
        <button
          type="button"
          className="icon-btn icon-btn-sm"
          aria-pressed={maximised}
          aria-label={maximised ? 'Restore the script editor' : 'Maximise the script editor'}
          title={maximised ? 'Restore (Esc)' : 'Maximise'}
          onClick={() => setMaximised((m) => !m)}
        >
          <Icon name="fit" size={13} />
        </button>
      </header>
      <div className="script-pane-body" data-testid="script-editor">
        <Suspense fallback={<div className="editor-loading">Loading the code editor…</div>}>
          <ScriptEditor
            flowId={flowId}
            file={file}
            value={text}
            context={context}
            markers={markers}
            reveal={reveal}
            theme={theme}
            onChange={(next) => store.getState().setScript(file, next)}
            onSave={() => void save()}
            onRun={() => void run()}
          />
        </Suspense>
      </div>
    </section>
  );
}
