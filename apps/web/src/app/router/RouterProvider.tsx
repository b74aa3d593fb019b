import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useConfirm } from '../confirm/context.ts';
import { RouterContext, type Router } from './context.ts';
import { hrefFor, parseHash, type Route } from './routes.ts';

const LEAVE = {
  title: 'Leave without saving?',
  message: 'This flow has unsaved changes. If you leave now they are lost.',
  confirmLabel: 'Discard changes',
  danger: true,
} as const;

export function RouterProvider({ children }: { children: ReactNode }) {
  const confirm = useConfirm();
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  const guard = useRef<(() => boolean) | null>(null);
  const shown = useRef(window.location.hash || '#/');

  const allowLeave = useCallback(async () => !guard.current?.() || (await confirm(LEAVE)), [confirm]);

  useEffect(() => {
    const onHashChange = async () => {
      const next = window.location.hash || '#/';
      if (next === shown.current) return;
      if (guard.current?.()) {
        // Back/forward already moved: put the editor's address back while the user decides.
        window.history.replaceState(null, '', shown.current);
        if (!(await confirm(LEAVE))) return;
        window.history.replaceState(null, '', next);
      }
      shown.current = next;
      setRoute(parseHash(next));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [confirm]);

  const navigate = useCallback(
    async (to: Route) => {
      const href = hrefFor(to);
      if (href === shown.current) return true;
      if (!(await allowLeave())) return false;
      guard.current = null;
      shown.current = href;
      window.history.pushState(null, '', href);
      setRoute(to);
      return true;
    },
    [allowLeave],
  );

  const setGuard = useCallback((isBlocking: (() => boolean) | null) => {
    guard.current = isBlocking;
  }, []);

  const value = useMemo<Router>(() => ({ route, navigate, setGuard }), [route, navigate, setGuard]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}
