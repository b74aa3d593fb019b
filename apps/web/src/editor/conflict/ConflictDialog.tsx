import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { FlowDocument, PutFlowBody } from '@fireflow/protocol';
import { useColorScheme } from '../../shared/useColorScheme.ts';
import { flowTexts } from './flowText.ts';

const FlowDiff = lazy(() => import('./FlowDiff.tsx'));

/** A save refused because someone saved first: their flow as it is now, and what this editor tried to save. */
export interface SaveConflict {
  version: string;
  current: FlowDocument | null;
  mine: PutFlowBody;
}

interface Props {
  conflict: SaveConflict | null;
  onReload: (doc: FlowDocument) => void;
  onOverwrite: (version: string) => void;
  onCancel: () => void;
}

/** Reload theirs, keep mine over theirs, or compare the two first; cancelling keeps editing with nothing saved. */
export function ConflictDialog({ conflict, onReload, onOverwrite, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [comparing, setComparing] = useState(false);
  const theme = useColorScheme();
  const texts = useMemo(() => (conflict ? flowTexts(conflict.current, conflict.mine) : null), [conflict]);

  useEffect(() => {
    if (conflict && !dialog.current?.open) dialog.current?.showModal();
    if (!conflict) {
      dialog.current?.close();
      setComparing(false);
    }
  }, [conflict]);

  return (
    <dialog
      ref={dialog}
      className={comparing ? 'dialog dialog-diff' : 'dialog dialog-wide'}
      aria-labelledby="conflict-title"
      data-testid="conflict-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {conflict && (
        <>
          <h2 id="conflict-title" className="dialog-title">
            Someone else saved this flow
          </h2>
          <p className="dialog-text">
            It was changed in another window or on disk after you opened it. Your edits are not saved yet. Load their
            version (your edits are dropped), or save yours over theirs.
          </p>
          {comparing && texts && (
            <div className="conflict-diff" data-testid="conflict-diff">
              <div className="conflict-diff-labels">
                <span>Their version</span>
                <span>Your version</span>
              </div>
              <Suspense fallback={<div className="editor-loading">Starting the diff…</div>}>
                <FlowDiff theirs={texts.theirs} mine={texts.mine} theme={theme} />
              </Suspense>
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
            {conflict.current && !comparing && (
              <button type="button" className="btn" onClick={() => setComparing(true)}>
                Compare side by side
              </button>
            )}
            {conflict.current && (
              <button type="button" className="btn" onClick={() => conflict.current && onReload(conflict.current)}>
                Load their version
              </button>
            )}
            <button type="button" className="btn btn-danger" onClick={() => onOverwrite(conflict.version)}>
              Save mine over theirs
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
