import { formatDuration } from '../../shared/format.ts';
import { useEditor } from '../store/useEditor.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { plural, runStatusLabel } from './runLabel.ts';

const CONNECTION_TEXT = {
  idle: null,
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Connection lost — reconnecting…',
  closed: null,
} as const;

export function RunHeader() {
  const run = useEditor((s) => s.run);
  const model = run.model;
  if (!run.runId) return <div className="run-header" />;

  const duration = model.durationMs ?? (model.startedAt && model.lastTs ? model.lastTs - model.startedAt : null);
  const live = CONNECTION_TEXT[run.connection];
  const executions = model.executions.size;
  const calls = model.requests.size;
  const stripeErrors = [...model.requests.values()].filter((request) => request.status === 'failed').length;
  const status = model.status === 'idle' ? 'queued' : model.status;
  return (
    <div className="run-header" data-testid="run-header">
      <StatusBadge status={status} label={runStatusLabel(status, stripeErrors)} />
      <code className="muted run-id" title={run.runId}>
        {run.runId}
      </code>
      {run.source === 'history' && <span className="tag">from history</span>}
      {model.trigger === 'replay' && (
        <span className="tag" title="This run replays one execution with the inputs it recorded">
          replay of {model.replayOf}
        </span>
      )}
      <span className="run-stat">{formatDuration(duration)}</span>
      <span className="run-stat muted">
        {plural(executions, 'execution')} · {plural(calls, 'Stripe call')} · {plural(model.eventCount, 'event')}
      </span>
      {live && (
        <span className={`live-state live-${run.connection}`} role="status">
          <span className="dot" />
          {live}
          {run.connection === 'open' && run.reconnected ? ' (reconnected)' : ''}
        </span>
      )}
    </div>
  );
}
