import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { flowListQuery } from '../api/flows.ts';
import { errorMessage } from '../api/http.ts';
import { Icon } from '../shared/Icon.tsx';
import { EmptyFlows } from './EmptyFlows.tsx';
import { FlowRow } from './FlowRow.tsx';
import { CreateFlowDialog } from './CreateFlowDialog.tsx';
import { ImportButton } from './ImportButton.tsx';

export function FlowListPage() {
  const flows = useQuery(flowListQuery());
  const [creating, setCreating] = useState(false);
  const sorted = useMemo(() => [...(flows.data ?? [])].sort((a, b) => b.updated_at.localeCompare(a.updated_at)), [flows.data]);
  const takenIds = useMemo(() => new Set(sorted.map((f) => f.id)), [sorted]);

  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1 className="page-title">Flows</h1>
          <p className="muted">Each flow is a folder of plain files: a flow.json and its scripts.</p>
        </div>
        <div className="page-actions">
          <ImportButton />
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            <Icon name="plus" />
            New flow
          </button>
        </div>
      </header>

      {flows.isPending && (
        <ul className="flow-list" aria-busy="true" aria-label="Loading flows">
          {[0, 1, 2].map((i) => (
            <li key={i} className="flow-row skeleton" />
          ))}
        </ul>
      )}
      {flows.isError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <span>Could not load flows: {errorMessage(flows.error)}</span>
          <button type="button" className="btn btn-sm" onClick={() => void flows.refetch()}>
            Retry
          </button>
        </div>
      )}
      {flows.isSuccess && sorted.length === 0 && <EmptyFlows onCreate={() => setCreating(true)} />}
      {flows.isSuccess && sorted.length > 0 && (
        <ul className="flow-list" aria-label="Flows">
          {sorted.map((flow) => (
            <FlowRow key={flow.id} flow={flow} />
          ))}
        </ul>
      )}
      <CreateFlowDialog open={creating} onClose={() => setCreating(false)} takenIds={takenIds} />
    </main>
  );
}
