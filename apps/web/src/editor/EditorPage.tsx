import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { flowQuery } from '../api/flows.ts';
import { ApiRequestError, errorMessage } from '../api/http.ts';
import { hrefFor } from '../app/router/routes.ts';
import { Icon } from '../shared/Icon.tsx';
import { EditorLayout } from './EditorLayout.tsx';
import { EditorStoreProvider } from './store/EditorStoreProvider.tsx';

export default function EditorPage({ flowId }: { flowId: string }) {
  const flow = useQuery(flowQuery(flowId));

  if (flow.isPending) {
    return (
      <div className="page-loading" role="status">
        <Icon name="loader" className="spin" /> Loading {flowId}…
      </div>
    );
  }
  if (flow.isError) {
    const missing = flow.error instanceof ApiRequestError && flow.error.status === 404;
    return (
      <main className="page">
        <section className="empty-state" role="alert">
          <h2>{missing ? `No flow called "${flowId}"` : 'Could not open this flow'}</h2>
          <p className="muted">{missing ? 'It may have been deleted or renamed on disk.' : errorMessage(flow.error)}</p>
          <div className="empty-actions">
            {!missing && (
              <button type="button" className="btn" onClick={() => void flow.refetch()}>
                Retry
              </button>
            )}
            <a className="btn btn-primary" href={hrefFor({ name: 'list' })}>
              Back to flows
            </a>
          </div>
        </section>
      </main>
    );
  }
  return (
    <EditorStoreProvider doc={flow.data}>
      <ReactFlowProvider>
        <EditorLayout />
      </ReactFlowProvider>
    </EditorStoreProvider>
  );
}
