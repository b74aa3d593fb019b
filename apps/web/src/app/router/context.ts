import { createContext, useContext, useEffect } from 'react';
import type { Route } from './routes.ts';

export interface Router {
  route: Route;
  /** Resolves false when the user chose to stay (unsaved changes). */
  navigate: (to: Route) => Promise<boolean>;
  /** While `isBlocking()` is true, leaving asks first. Returns the unregister function. */
  setGuard: (isBlocking: (() => boolean) | null) => void;
}

export const RouterContext = createContext<Router | null>(null);

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error('Fireflow: useRouter() was called outside <RouterProvider>.');
  return router;
}

/** Asks before leaving the page or the route while `isBlocking()` is true. */
export function useLeaveGuard(isBlocking: () => boolean) {
  const { setGuard } = useRouter();
  useEffect(() => {
    setGuard(isBlocking);
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isBlocking()) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      setGuard(null);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [isBlocking, setGuard]);
}
