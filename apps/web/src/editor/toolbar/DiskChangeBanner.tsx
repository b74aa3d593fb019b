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
      <span>The files of this flow changed on disk while you have unsaved edits.</span>
      <button type="button" className="btn btn-sm" onClick={onReload}>
        Load the disk version
      </button>
      <button type="button" className="btn btn-sm btn-ghost" onClick={onDismiss}>
        Keep my edits
      </button>
    </div>
  );
}
