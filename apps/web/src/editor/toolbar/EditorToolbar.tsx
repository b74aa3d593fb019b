import { exportUrl } from '../../api/flows.ts';
import { useRouter } from '../../app/router/context.ts';
import { Icon } from '../../shared/Icon.tsx';
import { IconButton } from '../../shared/IconButton.tsx';
import { modKey } from '../../shared/format.ts';
import { selectDirty, useEditor } from '../store/useEditor.ts';
import { FlowNameField } from './FlowNameField.tsx';
import { problemCount } from '../script/markers.ts';

interface Props {
  save: () => Promise<boolean>;
  run: () => Promise<void>;
  saving: boolean;
  starting: boolean;
}

export function EditorToolbar({ save, run, saving, starting }: Props) {
  const { navigate } = useRouter();
  const flowId = useEditor((s) => s.flowId);
  const dirty = useEditor(selectDirty);
  const running = useEditor((s) => s.run.model.status === 'running' && s.run.source === 'live');
  // The same count the script editors show, run failures included.
  const problems = useEditor(problemCount);
  const mod = modKey();

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Flow">
      <IconButton icon="arrowLeft" label="Back to flows" onClick={() => void navigate({ name: 'list' })} />
      <div className="editor-title">
        <FlowNameField />
        <code className="muted">flows/{flowId}</code>
      </div>
      <span className={`save-state ${dirty ? 'is-dirty' : ''}`} data-testid="save-state" aria-live="polite">
        {saving ? 'Saving…' : dirty ? 'Unsaved changes' : 'All changes saved'}
      </span>
      {problems > 0 && (
        <span className="problem-count" title="Problems in the scripts and the flow" data-testid="problem-count">
          <Icon name="alert" size={12} /> {problems === 1 ? '1 problem' : `${problems} problems`}
        </span>
      )}
      <div className="toolbar-spacer" />
      <a
        className="btn btn-ghost"
        href={exportUrl(flowId)}
        download={`${flowId}.zip`}
        aria-label="Export flow as .zip"
        title="Export as .zip (saved version)"
      >
        <Icon name="download" />
        Export
      </a>
      <button
        type="button"
        className="btn"
        onClick={() => void save()}
        disabled={!dirty || saving}
        aria-label="Save"
        title={`Save (${mod}+S)`}
      >
        <Icon name="save" />
        Save
        <kbd>{mod} S</kbd>
      </button>
      <button
        type="button"
        className="btn btn-run"
        onClick={() => void run()}
        disabled={starting}
        aria-label="Run flow"
        title={`Run (${mod}+Enter)`}
      >
        {starting || running ? <Icon name="loader" className="spin" /> : <Icon name="play" />}
        {running ? 'Running…' : 'Run'}
        <kbd>{mod} ↵</kbd>
      </button>
    </div>
  );
}
