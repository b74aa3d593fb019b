import { useRef, useState } from 'react';
import type { FlowSummary } from '@fireflow/protocol';
import { exportUrl } from '../api/flows.ts';
import { hrefFor } from '../app/router/routes.ts';
import { useConfirm } from '../app/confirm/context.ts';
import { Icon } from '../shared/Icon.tsx';
import { IconButton } from '../shared/IconButton.tsx';
import { formatRelative } from '../shared/format.ts';
import { useDeleteFlow, useRenameFlow } from './useFlowActions.ts';

export function FlowRow({ flow }: { flow: FlowSummary }) {
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(flow.name);
  const rename = useRenameFlow();
  const remove = useDeleteFlow();
  const confirm = useConfirm();
  const cancelled = useRef(false);

  const commit = () => {
    setRenaming(false);
    const name = draft.trim();
    if (!cancelled.current && name && name !== flow.name) rename.mutate({ id: flow.id, name });
    cancelled.current = false;
  };

  return (
    <li className="flow-row" data-flow-id={flow.id}>
      <span className="flow-row-icon">
        <Icon name="flame" />
      </span>
      <div className="flow-row-main">
        {renaming ? (
          <input
            className="input input-inline"
            value={draft}
            aria-label={`New name for ${flow.name}`}
            autoFocus
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit();
              if (e.key === 'Escape') {
                cancelled.current = true;
                e.currentTarget.blur();
              }
            }}
          />
        ) : (
          <a className="flow-row-name" href={hrefFor({ name: 'editor', flowId: flow.id })}>
            {rename.isPending ? rename.variables.name : flow.name}
          </a>
        )}
        <span className="flow-row-meta">
          <code>flows/{flow.id}</code>
          <span aria-hidden="true">·</span>
          <span title={flow.updated_at}>updated {formatRelative(flow.updated_at)}</span>
        </span>
      </div>
      <div className="flow-row-actions">
        <IconButton icon="pencil" label={`Rename ${flow.name}`} onClick={() => (setDraft(flow.name), setRenaming(true))} />
        <a className="icon-btn" href={exportUrl(flow.id)} download={`${flow.id}.zip`} aria-label={`Export ${flow.name}`} title="Export as .zip">
          <Icon name="download" />
        </a>
        <IconButton
          icon="trash"
          label={`Delete ${flow.name}`}
          className="icon-btn-danger"
          disabled={remove.isPending}
          onClick={async () => {
            const ok = await confirm({
              title: `Delete "${flow.name}"?`,
              message: `This removes the folder flows/${flow.id} with its flow.json and scripts. Export it first if you may want it back.`,
              confirmLabel: 'Delete flow',
              danger: true,
            });
            if (ok) remove.mutate(flow.id);
          }}
        />
      </div>
    </li>
  );
}
