import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiRequestError, errorMessage } from '../../api/http.ts';
import { checkSession, startSession, storedToken } from '../../api/session.ts';
import { Icon } from '../../shared/Icon.tsx';

type Gate = 'checking' | 'open' | 'asking';

const isUnauthorized = (error: unknown) => error instanceof ApiRequestError && error.status === 401;

/**
 * A server started with FIREFLOW_TOKEN answers 401 until the tab has the token; this asks for it once, trades it
 * for a session cookie, and only then shows the app. Anything but a 401 lets the app through to say what is wrong.
 */
export function AccessGate({ children }: { children: ReactNode }) {
  const [gate, setGate] = useState<Gate>('checking');
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (gate === 'open') setOpened(true);
  }, [gate]);

  useEffect(() => {
    const controller = new AbortController();
    const decide = async (): Promise<Gate> => {
      try {
        await checkSession(controller.signal);
        return 'open';
      } catch (error) {
        if (!isUnauthorized(error)) return 'open';
      }
      const kept = storedToken();
      if (kept) {
        try {
          await startSession(kept);
          return 'open';
        } catch {
          // The server's token changed: ask again.
        }
      }
      return 'asking';
    };
    void decide().then((next) => !controller.signal.aborted && setGate(next));
    return () => controller.abort();
  }, []);

  // A 401 later on (the server restarted with another token) asks again instead of failing request by request.
  const client = useQueryClient();
  useEffect(() => {
    const ask = (error: unknown) => {
      if (isUnauthorized(error)) setGate('asking');
    };
    // Only a request failing now: an old error stays in a query's state while it refetches.
    const queries = client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') ask(event.action.error);
    });
    const mutations = client.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') ask(event.action.error);
    });
    return () => {
      queries();
      mutations();
    };
  }, [client]);

  if (gate === 'checking') return <div className="page-loading" role="status" />;
  const form = (
    <TokenForm
      onAccepted={() => {
        setGate('open');
        void client.invalidateQueries();
      }}
    />
  );
  if (gate === 'asking' && !opened) return form;
  // Asked again after the app was shown: over it, so an editor's unsaved work stays where it is.
  return (
    <>
      {children}
      {gate === 'asking' && <div className="access-overlay">{form}</div>}
    </>
  );
}

function TokenForm({ onAccepted }: { onAccepted: () => void }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await startSession(token.trim());
      onAccepted();
    } catch (error) {
      setProblem(isUnauthorized(error) ? 'That is not this server’s access token.' : errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="page">
      <form className="empty-state access-form" onSubmit={(event) => void submit(event)}>
        <Icon name="alert" size={24} />
        <h2>This Fireflow server needs its access token</h2>
        <p className="muted">Ask whoever runs it for the value of FIREFLOW_TOKEN. It is kept for this tab only.</p>
        <label className="field">
          <span className="field-label">Access token</span>
          <input
            className="input mono"
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoFocus
            required
          />
        </label>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="empty-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || token.trim() === ''}>
            {busy ? 'Checking…' : 'Continue'}
          </button>
        </div>
      </form>
    </main>
  );
}
