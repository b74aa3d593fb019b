import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ConfirmContext, type ConfirmRequest } from './context.ts';

interface Pending extends ConfirmRequest {
  resolve: (ok: boolean) => void;
}

/** One modal confirmation at a time, as a promise; a native <dialog> gives focus trapping and Escape. */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        setPending((previous) => {
          previous?.resolve(false);
          return { ...request, resolve };
        });
      }),
    [],
  );

  useEffect(() => {
    if (pending && !dialog.current?.open) dialog.current?.showModal();
  }, [pending]);

  const close = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
    dialog.current?.close();
  };

  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby="confirm-title"
        onCancel={(event) => {
          event.preventDefault();
          close(false);
        }}
      >
        {pending && (
          <form method="dialog" onSubmit={(event) => (event.preventDefault(), close(true))}>
            <h2 id="confirm-title" className="dialog-title">
              {pending.title}
            </h2>
            <p className="dialog-text">{pending.message}</p>
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => close(false)}>
                Cancel
              </button>
              <button type="submit" className={pending.danger ? 'btn btn-danger' : 'btn btn-primary'} autoFocus>
                {pending.confirmLabel}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </ConfirmContext.Provider>
  );
}
