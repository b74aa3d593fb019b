import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/http.ts';
import { runListQuery, runQuery } from '../../api/runs.ts';
import { useToast } from '../../app/toasts/context.ts';
import { formatDuration, formatRelative } from '../../shared/format.ts';
import { useEditor, useEditorStoreApi } from '../store/useEditor.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { plural, runStatusLabel } from './runLabel.ts';

/** Past runs of this flow (newest first); opening one loads its events into the run log. */
export function RunHistory({ onOpen }: { onOpen: () => void }) {
  const store = useEditorStoreApi();
  const client = useQueryClient();
  const toast = useToast();
  const flowId = useEditor((s) => s.flowId);
  const current = useEditor((s) => s.run.runId);
  const runs = useQuery(runListQuery(flowId));

  const open = async (runId: string) => {
    try {
      const detail = await client.fetchQuery({ ...runQuery(runId), staleTime: 0 });
      store.getState().showRun(detail);
      onOpen();
    } catch (error) {
      toast({ kind: 'error', title: 'Could not load the run', message: errorMessage(error) });
    }
  };

  if (runs.isPending) return <div className="run-empty muted">Loading run history…</div>;
  if (runs.isError) {
    return (
      <div className="run-empty" role="alert">
        Could not load the history: {errorMessage(runs.error)}
        <button type="button" className="btn btn-sm" onClick={() => void runs.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  if (runs.data.length === 0)
    return <div className="run-empty muted">No runs of this flow yet. Runs are kept across restarts.</div>;

  const sorted = [...runs.data].sort((a, b) => b.started_at.localeCompare(a.started_at));
  return (
    <ul className="history-list" aria-label="Run history">
      {sorted.map((run) => (
        <li key={run.run_id}>
          <button
            type="button"
            className={`history-row${run.run_id === current ? ' is-current' : ''}`}
            onClick={() => void open(run.run_id)}
          >
            <StatusBadge status={run.status} label={runStatusLabel(run.status, run.counts?.stripe_failures ?? 0)} />
            <code className="mono">{run.run_id}</code>
            {run.trigger === 'webhook' && (
              <span className="ff-badge mono" title="Started by a Stripe webhook">
                webhook {run.event_type}
              </span>
            )}
            {run.trigger === 'replay' && <span className="ff-badge">replay</span>}
            <span className="muted" title={run.started_at}>
              {formatRelative(run.started_at)}
            </span>
            {run.first_error && (
              <span className="history-error mono" title={run.first_error}>
                {run.first_error}
              </span>
            )}
            <span className="row-spacer" />
            {run.counts && (
              <span className="muted">
                {plural(run.counts.executions, 'execution')} · {plural(run.counts.stripe_calls, 'Stripe call')}
                {run.counts.failed_executions > 0 ? ` · ${run.counts.failed_executions} failed` : ''}
              </span>
            )}
            <span className="row-time">{formatDuration(run.duration_ms)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
