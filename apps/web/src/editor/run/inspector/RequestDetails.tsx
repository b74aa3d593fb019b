import { formatClock, formatDuration } from '../../../shared/format.ts';
import { STRIPE_KIND_META } from '../../../shared/kinds.ts';
import type { RequestRecord } from '../model/runModel.ts';
import { requestStatus } from '../requestStatus.ts';
import { StatusBadge } from '../StatusBadge.tsx';
import { Field, Section } from './Section.tsx';

/** One Stripe call: what was sent, what Stripe answered, and every attempt with Stripe's Request-Id. */
export function RequestDetails({ request: r }: { request: RequestRecord }) {
  const status = requestStatus(r);
  return (
    <>
      <header className="run-inspector-head">
        <span className="kind-swatch" style={{ background: STRIPE_KIND_META[r.kind].color }} />
        <span className="mono">POST {r.path}</span>
        <strong>{r.nodeId}</strong>
        <StatusBadge status={status.status} label={status.label} />
      </header>
      <Section title="Call">
        <Field label="Idempotency key" value={r.idempotencyKey} />
        <Field label="Request-Id" value={r.stripeRequestId} />
        {r.objectId && <Field label="Object" value={r.objectId} />}
        <Field label="Sent" value={formatClock(r.sentAt)} />
        <Field label="Took" value={r.durationMs === null ? null : formatDuration(r.durationMs)} />
      </Section>
      <Section title="Params" json={r.params} />
      {r.status === 'succeeded' && r.body !== undefined && (
        <Section title={r.bodyCut ? `Response (cut: ${r.bodyCut.bytes} bytes in all)` : 'Response'} json={r.body} />
      )}
      {r.error && (
        <Section
          title={r.bodyCut ? `Error body (cut: ${r.bodyCut.bytes} bytes in all, one-line fields kept)` : 'Error body'}
          json={r.error}
        />
      )}
      <Section title={`Attempts (${r.attemptLog.length})`}>
        <table className="inspector-attempts">
          <thead>
            <tr>
              <th>#</th>
              <th>Sent</th>
              <th>HTTP</th>
              <th>Took</th>
              <th>Request-Id</th>
            </tr>
          </thead>
          <tbody>
            {r.attemptLog.map((a) => (
              <tr key={a.attempt} className={`attempt-${a.outcome}`}>
                <td>{a.attempt}</td>
                <td className="mono">{formatClock(a.sentAt)}</td>
                <td className="mono">{a.outcome === 'pending' ? '…' : (a.httpStatus ?? 'no answer')}</td>
                <td>{formatDuration(a.durationMs)}</td>
                <td className="mono">{a.stripeRequestId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}
