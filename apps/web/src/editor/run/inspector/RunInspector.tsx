import { Icon } from '../../../shared/Icon.tsx';
import { useEditor, useEditorStoreApi } from '../../store/useEditor.ts';
import { useScriptRun } from '../../session/useScriptRun.ts';
import { ExecutionDetails } from './ExecutionDetails.tsx';
import { RequestDetails } from './RequestDetails.tsx';

/** The data behind the run item picked in the tree or the waterfall. */
export function RunInspector({ save }: { save: () => Promise<boolean> }) {
  const store = useEditorStoreApi();
  const target = useEditor((s) => s.inspected);
  // The model is mutated in place; `version` re-renders this as the item's events arrive.
  useEditor((s) => s.run.version);
  const model = useEditor((s) => s.run.model);
  const { replay, busy } = useScriptRun(save);
  if (!target) return null;
  const execution = target.type === 'execution' ? model.executions.get(target.id) : undefined;
  const request = target.type === 'request' ? model.requests.get(target.id) : undefined;
  const runId = model.runId;

  return (
    <aside className="run-inspector" aria-label="Inspector">
      <button
        type="button"
        className="icon-btn icon-btn-sm run-inspector-close"
        aria-label="Close the inspector"
        onClick={() => store.getState().inspect(null)}
      >
        <Icon name="x" size={13} />
      </button>
      {execution && runId && (
        <ExecutionDetails
          execution={execution}
          runId={runId}
          busy={busy}
          onReplay={() => void replay(runId, execution.id)}
          onReveal={() => {
            const error = execution.error;
            if (!error) return;
            store.getState().selectNode(execution.nodeId, true);
            store.getState().revealLocation(error.file, error.line, error.column);
          }}
        />
      )}
      {request && <RequestDetails request={request} />}
      {!execution && !request && <p className="muted">This item is not in the run shown.</p>}
    </aside>
  );
}
