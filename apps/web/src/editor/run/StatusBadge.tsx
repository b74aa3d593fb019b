import { STATUS_LABEL, type DisplayStatus } from '../../shared/kinds.ts';

export function StatusBadge({ status, label }: { status: DisplayStatus; label?: string }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      <span className="dot" />
      {label ?? STATUS_LABEL[status]}
    </span>
  );
}
