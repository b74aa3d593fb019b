import { lazy, Suspense } from 'react';
import { FlowListPage } from '../flows/FlowListPage.tsx';
import { ImportDropZone } from '../flows/ImportDropZone.tsx';
import { ErrorBoundary } from '../shared/ErrorBoundary.tsx';
import { AppHeader } from './AppHeader.tsx';
import { NotFound } from './NotFound.tsx';
import { useRouter } from './router/context.ts';

const EditorPage = lazy(() => import('../editor/EditorPage.tsx'));

export function AppShell() {
  const { route } = useRouter();
  return (
    <div className="app">
      <AppHeader />
      <ErrorBoundary area={route.name === 'editor' ? 'The editor' : 'This page'} resetKey={route}>
        {route.name === 'list' && <FlowListPage />}
        {route.name === 'editor' && (
          <Suspense fallback={<div className="page-loading">Loading editor…</div>}>
            <EditorPage key={route.flowId} flowId={route.flowId} />
          </Suspense>
        )}
        {route.name === 'not-found' && <NotFound path={route.path} />}
      </ErrorBoundary>
      <ImportDropZone />
    </div>
  );
}
