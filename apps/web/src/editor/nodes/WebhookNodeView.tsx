import { Handle, Position, type NodeProps } from '@xyflow/react';
import { Icon } from '../../shared/Icon.tsx';
import type { WebhookFlowNode } from '../graph/types.ts';
import { useEditor } from '../store/useEditor.ts';
import { useNodeRunState } from './useNodeRunState.ts';
import { webhookPath } from './webhookEndpoint.ts';

/** A second kind of entry: Stripe's verified events of the listed types start the script wired from it. */
export function WebhookNodeView({ id, data, selected }: NodeProps<WebhookFlowNode>) {
  const flowId = useEditor((s) => s.flowId);
  const runState = useNodeRunState(id);
  return (
    <div
      className={`ff-node ff-node-stripe ff-node-webhook${selected ? ' is-selected' : ''}${runState ? ` run-${runState}` : ''}`}
      style={{ ['--kind' as string]: 'var(--kind-webhook)' }}
      data-run-state={runState ?? undefined}
      aria-label={`Stripe webhook node ${id}`}
    >
      <div className="ff-node-header">
        <Icon name="bolt" size={13} />
        <span>Stripe webhook</span>
      </div>
      <div className="ff-node-title">{id}</div>
      <div className="ff-node-sub mono" title={data.events.join(', ')}>
        {data.events.join(', ')}
      </div>
      <div className="ff-node-sub mono muted">POST {webhookPath(flowId, id)}</div>
      <Handle type="source" position={Position.Right} className="ff-handle" aria-label={`Output of ${id}`} />
    </div>
  );
}
