import type { KeyboardEvent } from 'react';
import { Icon } from '../../shared/Icon.tsx';
import { formatDuration } from '../../shared/format.ts';
import { STRIPE_KIND_META } from '../../shared/kinds.ts';
import type { TreeRow } from './model/treeRows.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { requestStatus } from './requestStatus.ts';

interface Props {
  row: TreeRow;
  top: number;
  height: number;
  runStart: number;
  selected: boolean;
  expanded: boolean | undefined;
  onToggle: (() => void) | undefined;
  onActivate: () => void;
}

function RowContent({ row, runStart }: { row: TreeRow; runStart: number }) {
  switch (row.type) {
    case 'execution': {
      const e = row.execution;
      return (
        <>
          <Icon name="code" size={13} className="row-kind-script" />
          <strong className="row-node">{e.nodeId}</strong>
          <span className="mono muted">{e.file}</span>
          <span className={`tag tag-${e.trigger}`}>{e.trigger}</span>
          <span className="row-spacer" />
          <span className="row-time">{formatDuration(e.durationMs)}</span>
          <StatusBadge status={e.status} />
        </>
      );
    }
    case 'log':
      return (
        <>
          <span className={`level level-${row.log.level}`}>{row.log.level}</span>
          <span className="row-message mono" title={row.log.message}>
            {row.log.message}
          </span>
          <span className="row-spacer" />
          <span className="row-time muted">+{formatDuration(row.log.ts - runStart)}</span>
        </>
      );
    case 'failure': {
      const error = row.execution.error!;
      return (
        <>
          <Icon name="alert" size={13} className="row-failure-icon" />
          <span className="row-message mono" title={error.message}>
            <strong>{error.code}</strong> {error.file}:{error.line}:{error.column} — {error.message}
          </span>
        </>
      );
    }
    case 'request': {
      const r = row.request;
      const meta = STRIPE_KIND_META[r.kind];
      const status = requestStatus(r);
      return (
        <>
          <span className="kind-swatch" style={{ background: meta.color }} />
          <span className="mono">POST {r.path}</span>
          <strong className="row-node">{r.nodeId}</strong>
          {r.objectId && <span className="mono muted">{r.objectId}</span>}
          {r.attempts > 1 && <span className="tag">attempt {r.attempts}</span>}
          {r.status !== 'succeeded' && r.error?.error.message && (
            <span className="row-message muted" title={r.error.error.message}>
              {r.error.error.code ?? r.error.error.type}: {r.error.error.message}
            </span>
          )}
          <span className="row-spacer" />
          <span className="row-time">{formatDuration(r.durationMs)}</span>
          <StatusBadge status={status.status} label={status.label} />
        </>
      );
    }
  }
}

export function TreeRowView(props: Props) {
  const { row, top, height, runStart, selected, expanded, onToggle, onActivate } = props;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate();
    }
    if (event.key === 'ArrowLeft' && expanded) onToggle?.();
    if (event.key === 'ArrowRight' && expanded === false) onToggle?.();
  };
  const hasChildren = (row.type === 'execution' || row.type === 'request') && row.hasChildren;
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={hasChildren ? expanded : undefined}
      aria-selected={selected}
      tabIndex={0}
      className={`tree-row tree-row-${row.type}${row.type === 'log' ? ` tree-row-${row.log.level}` : ''}${selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height, paddingLeft: 8 + row.depth * 18 }}
      data-row-type={row.type}
      onClick={onActivate}
      onKeyDown={onKeyDown}
    >
      {hasChildren ? (
        <button
          type="button"
          className="tree-toggle"
          tabIndex={-1}
          aria-label={expanded ? 'Collapse' : 'Expand'}
          onClick={(event) => (event.stopPropagation(), onToggle?.())}
        >
          <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={12} />
        </button>
      ) : (
        <span className="tree-toggle" />
      )}
      <RowContent row={row} runStart={runStart} />
    </div>
  );
}
