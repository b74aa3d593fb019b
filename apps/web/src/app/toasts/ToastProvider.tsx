import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Icon } from '../../shared/Icon.tsx';
import { ToastContext, type Toast, type ToastInput } from './context.ts';

const LIFETIME = { error: 12_000, success: 4_000, info: 6_000 } as const;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);

  const show = useCallback(
    (input: ToastInput) => {
      const id = nextId.current++;
      // The same message twice in a row (e.g. a retried save) replaces the first instead of stacking.
      setToasts((all) => [
        ...all.filter((t) => t.title !== input.title || t.message !== input.message).slice(-3),
        { ...input, id },
      ]);
      window.setTimeout(() => dismiss(id), LIFETIME[input.kind]);
    },
    [dismiss],
  );

  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.kind}`}
            role={toast.kind === 'error' ? 'alert' : 'status'}
          >
            <Icon name={toast.kind === 'error' ? 'alert' : toast.kind === 'success' ? 'check' : 'info'} />
            <div className="toast-body">
              <strong>{toast.title}</strong>
              {toast.message && <span>{toast.message}</span>}
            </div>
            <button
              type="button"
              className="icon-btn icon-btn-sm"
              aria-label="Dismiss notification"
              onClick={() => dismiss(toast.id)}
            >
              <Icon name="x" />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
