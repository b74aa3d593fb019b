import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiRequestError } from '../api/http.ts';
import { ErrorBoundary } from '../shared/ErrorBoundary.tsx';
import { AccessGate } from './access/AccessGate.tsx';
import { ConfirmProvider } from './confirm/ConfirmProvider.tsx';
import { RouterProvider } from './router/RouterProvider.tsx';
import { ToastProvider } from './toasts/ToastProvider.tsx';
import { AppShell } from './AppShell.tsx';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not get better by asking again; a dropped connection might.
        retry: (count, error) =>
          count < 2 && !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: true,
      },
    },
  });
}

export function AppRoot() {
  const [client] = useState(makeQueryClient);
  return (
    <ErrorBoundary area="Fireflow">
      <QueryClientProvider client={client}>
        <ToastProvider>
          <ConfirmProvider>
            <AccessGate>
              <RouterProvider>
                <AppShell />
              </RouterProvider>
            </AccessGate>
          </ConfirmProvider>
        </ToastProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
