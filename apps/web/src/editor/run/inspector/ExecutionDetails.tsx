import { Icon } from '../../../shared/Icon.tsx';
import { formatClock, formatDuration } from '../../../shared/format.ts';
import type { ExecutionRecord } from '../model/runModel.ts';
import { StatusBadge } from '../StatusBadge.tsx';
import { Field, Section } from './Section.tsx';

interface Props {
  execution: ExecutionRecord;
  runId: string;
  busy: boolean;
  onReplay: () => void;
  onReveal: () => void;
}

/** One execution: what it got, what it printed, how it ended — and Replay, with the same inputs. */
export function ExecutionDetails({ execution: e, busy, onReplay, onReveal }: Props) {
  const logs = e.items.flatMap((item) => (item.type === 'log' ? [item.log] : []));
  const input = e.input;
  const canReplay =
    e.status !== 'queued' && e.status !== 'running' && (input !== null || e.trigger === 'entry') && !input?.cut;
  return (
    <>
      <header className="run-inspector-head">
        <Icon name="code" size={14} className="row-kind-script" />
        <strong>{e.nodeId}</strong>
        <span className="mono muted">{e.file}</span>
        <span className={`tag tag-${e.trigger}`}>{e.trigger}</span>
        <StatusBadge status={e.status} />
        <span className="row-spacer" />
        <button
          type="button"
          className="btn btn-sm btn-primary"
          disabled={!canReplay || busy}
          title={
            canReplay
              ? 'Run this script again (as it is now) with the inputs it got; no Stripe call is repeated'
              : input?.cut
                ? 'Its input was larger than the history keeps'
                : 'Its inputs were not kept'
          }
          onClick={onReplay}
        >
          <Icon name="repeat" size={13} /> Replay
        </button>
      </header>
      {e.error && (
        <Section title="Error">
          <button
            type="button"
            className="inspector-error mono"
            onClick={onReveal}
            title="Show the line in the script editor"
          >
            <strong>{e.error.code}</strong> {e.error.file}:{e.error.line}:{e.error.column} — {e.error.message}
          </button>
        </Section>
      )}
      {input?.request !== undefined && <Section title="request" json={input.request} />}
      {input?.parsed_data !== undefined && <Section title="parsed_data" json={input.parsed_data} />}
      {input?.parsed_error !== undefined && <Section title="parsed_error" json={input.parsed_error} />}
      {input?.event !== undefined && <Section title="event" json={input.event} />}
      {input && Object.keys(input).length === 0 && (
        <Section title="Inputs">
          <p className="muted">None: an entry script gets no Stripe data.</p>
        </Section>
      )}
      {input === null && e.startedAt !== null && (
        <Section title="Inputs">
          <p className="muted">Not kept for this run.</p>
        </Section>
      )}
      <Section title={`Logs (${logs.length})`}>
        {logs.length === 0 ? (
          <p className="muted">No output.</p>
        ) : (
          <ol className="inspector-logs">
            {logs.map((log) => (
              <li key={log.eventId} className={`level-line level-line-${log.level}`}>
                <span className={`level level-${log.level}`}>{log.level}</span>
                <span className="mono">{log.message}</span>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section title="Timings">
        <Field label="Queued" value={formatClock(e.queuedAt)} />
        <Field label="Started" value={e.startedAt === null ? null : formatClock(e.startedAt)} />
        <Field label="Ran" value={e.durationMs === null ? null : formatDuration(e.durationMs)} />
        <Field label="Worker queue" value={e.workerId} />
        <Field label="Execution id" value={e.id} />
      </Section>
    </>
  );
}
