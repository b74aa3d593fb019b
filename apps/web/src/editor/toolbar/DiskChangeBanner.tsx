import type { FlowDocument } from '@fireflow/protocol';
import { Icon } from '../../shared/Icon.tsx';

interface Props {
  change: FlowDocument | null;
  onReload: () => void;
  onDismiss: () => void;
}

export function DiskChangeBanner({ change, onReload, onDismiss }: Props) {
  if (!change) return null;
  return (
    <div className="banner banner-warn" role="alert">
      <Icon name="refresh" />
      <span>This flow was saved elsewhere (another window or on disk) while you have unsaved edits.</span>
      <button type="button" className="btn btn-sm" onClick={onReload}>
        Load their version
      </button>
      <button type="button" className="btn btn-sm btn-ghost" onClick={onDismiss}>
        Keep my edits
      </button>
    </div>
  );
}
