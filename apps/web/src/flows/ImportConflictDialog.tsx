import { useEffect, useRef, useState } from 'react';
import { FlowId } from '@fireflow/protocol';
import type { ImportFlow } from './useFlowActions.ts';

/** The imported flow's name is taken: import it under another name, replace the flow that has it, or stop. */
export function ImportConflictDialog({ importFlow }: { importFlow: ImportFlow }) {
  const { pending, isPending: busy, rename: onRename, overwrite: onOverwrite, cancel: onCancel } = importFlow;
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');

  useEffect(() => {
    if (pending) {
      setName(pending.suggestion ?? `${pending.id}-2`);
      if (!dialog.current?.open) dialog.current?.showModal();
    } else {
      dialog.current?.close();
    }
  }, [pending]);

  const valid = FlowId.safeParse(name).success;
  return (
    <dialog
      ref={dialog}
      className="dialog dialog-wide"
      aria-labelledby="import-conflict-title"
      data-testid="import-conflict"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {pending && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (valid) onRename(name);
          }}
        >
          <h2 id="import-conflict-title" className="dialog-title">
            There is already a flow called “{pending.id}”
          </h2>
          <p className="dialog-text">
            Import this one under a new name, or overwrite the flow that is there now (its files are replaced).
          </p>
          <label className="field">
            <span className="field-label">New name</span>
            <input
              className="input mono"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={64}
              autoFocus
            />
            {!valid && <span className="field-error">Use letters, digits, - and _ only (at most 64).</span>}
          </label>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
            <button type="button" className="btn btn-danger" onClick={onOverwrite} disabled={busy}>
              Overwrite
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy || !valid}>
              Rename
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
