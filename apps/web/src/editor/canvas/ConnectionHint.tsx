import { useEffect, useMemo } from 'react';
import { useConnection } from '@xyflow/react';
import { Icon } from '../../shared/Icon.tsx';
import { connectionProblem } from '../graph/connection.ts';
import { snapshotOf } from '../store/state.ts';
import { useEditor, useEditorStoreApi } from '../store/useEditor.ts';

const REFUSAL_MS = 6000;

/** Says why a connection (live, while hovering a handle) or the last gesture (after the fact) is not allowed. */
export function ConnectionHint() {
  const store = useEditorStoreApi();
  const refusal = useEditor((s) => s.refusal);
  const connection = useConnection();

  const live = useMemo(() => {
    if (!connection.inProgress || connection.isValid !== false || !connection.toNode) return null;
    const forward = connection.fromHandle.type === 'source';
    const source = forward ? connection.fromNode.id : connection.toNode.id;
    const target = forward ? connection.toNode.id : connection.fromNode.id;
    const sourceHandle = (forward ? connection.fromHandle.id : connection.toHandle?.id) ?? null;
    return connectionProblem(snapshotOf(store.getState()), { source, target, sourceHandle, targetHandle: null });
  }, [connection, store]);

  useEffect(() => {
    if (!refusal) return;
    const timer = window.setTimeout(() => store.getState().refuse(null), REFUSAL_MS);
    return () => window.clearTimeout(timer);
  }, [refusal, store]);

  const message = live ?? (connection.inProgress ? null : refusal?.message);
  if (!message) return null;
  return (
    <div className="canvas-hint" role="alert" data-testid="canvas-refusal">
      <Icon name="alert" />
      <span>{message}</span>
      {!live && (
        <button
          type="button"
          className="icon-btn icon-btn-sm"
          aria-label="Dismiss"
          onClick={() => store.getState().refuse(null)}
        >
          <Icon name="x" size={12} />
        </button>
      )}
    </div>
  );
}
