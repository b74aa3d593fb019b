import { formatDuration } from '../../shared/format.ts';
import { STRIPE_KIND_META } from '../../shared/kinds.ts';
import type { Span, TimeAxis } from './model/waterfallRows.ts';

interface Props {
  span: Span;
  top: number;
  height: number;
  axis: TimeAxis;
  /** Where unfinished bars end: the latest event seen. */
  now: number;
  onSelect: (nodeId: string) => void;
}

interface Bar {
  from: number;
  to: number;
  className: string;
}

function barsOf(span: Span, now: number): { bars: Bar[]; label: string; nodeId: string; title: string; total: number } {
  if (span.type === 'execution') {
    const e = span.execution;
    const started = e.startedAt ?? now;
    const ended = e.endedAt ?? now;
    const bars: Bar[] = [];
    if (started > e.queuedAt) bars.push({ from: e.queuedAt, to: started, className: 'bar-wait' });
    if (e.startedAt !== null)
      bars.push({ from: started, to: Math.max(ended, started), className: `bar-exec bar-${e.status}` });
    const waited = started - e.queuedAt;
    return {
      bars,
      label: e.nodeId,
      nodeId: e.nodeId,
      title: `${e.nodeId} (${e.file}) — queued ${formatDuration(waited)}, ran ${formatDuration(e.durationMs ?? ended - started)}, ${e.status}`,
      total: ended - e.queuedAt,
    };
  }
  const r = span.request;
  const ended = r.endedAt ?? now;
  return {
    bars: [{ from: r.sentAt, to: Math.max(ended, r.sentAt), className: `bar-call bar-${r.status}` }],
    label: `POST ${STRIPE_KIND_META[r.kind].path.replace('/v1/', '')}`,
    nodeId: r.nodeId,
    title: `${r.nodeId}: POST ${r.path} — ${formatDuration(ended - r.sentAt)}, ${r.status}${r.attempts > 1 ? `, ${r.attempts} attempts` : ''}`,
    total: ended - r.sentAt,
  };
}

export function WaterfallRow({ span, top, height, axis, now, onSelect }: Props) {
  const { bars, label, nodeId, title, total } = barsOf(span, now);
  const width = axis.end - axis.start;
  const kindColor = span.type === 'request' ? STRIPE_KIND_META[span.request.kind].color : 'var(--kind-script)';
  const lastBar = bars.at(-1);
  return (
    <div
      role="listitem"
      className={`waterfall-row waterfall-row-${span.type}`}
      style={{ transform: `translateY(${top}px)`, height }}
      title={title}
      onClick={() => onSelect(nodeId)}
    >
      <div className="waterfall-label-col" style={{ paddingLeft: 8 + Math.min(span.depth, 8) * 10 }}>
        <span className="kind-swatch" style={{ background: kindColor }} />
        <span className={span.type === 'request' ? 'mono' : ''}>{label}</span>
      </div>
      <div className="waterfall-track">
        {bars.map((bar, index) => (
          <span
            key={index}
            className={`bar ${bar.className}`}
            style={{
              left: `${((bar.from - axis.start) / width) * 100}%`,
              width: `max(2px, ${((bar.to - bar.from) / width) * 100}%)`,
            }}
          />
        ))}
        {lastBar && (
          <span className="bar-label" style={{ left: `${((lastBar.to - axis.start) / width) * 100}%` }}>
            {formatDuration(total)}
          </span>
        )}
      </div>
    </div>
  );
}
