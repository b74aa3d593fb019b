import { Handle, Position, type NodeProps } from '@xyflow/react';
import { Icon } from '../../shared/Icon.tsx';
import { STRIPE_KIND_META } from '../../shared/kinds.ts';
import type { StripeFlowNode } from '../graph/types.ts';
import { KIND_ICON } from './kindIcon.ts';
import { useNodeRunState } from './useNodeRunState.ts';

export function StripeNodeView({ id, data, selected }: NodeProps<StripeFlowNode>) {
  const meta = STRIPE_KIND_META[data.kind];
  const runState = useNodeRunState(id);
  return (
    <div
      className={`ff-node ff-node-stripe${selected ? ' is-selected' : ''}${runState ? ` run-${runState}` : ''}`}
      style={{ ['--kind' as string]: meta.color }}
      data-kind={data.kind}
      data-run-state={runState ?? undefined}
      aria-label={`${meta.label} node ${id}`}
    >
      <Handle type="target" position={Position.Left} className="ff-handle" aria-label={`Input of ${id}`} />
      <div className="ff-node-header">
        <Icon name={KIND_ICON[data.kind]} size={13} />
        <span>{meta.label}</span>
        {runState === 'running' && <span className="ff-pulse" aria-label="running" />}
      </div>
      <div className="ff-node-title">{id}</div>
      <div className="ff-node-sub mono">POST {meta.path}</div>
      <div className="ff-ports">
        <Port nodeId={id} port="response" />
        <Port nodeId={id} port="error" />
      </div>
    </div>
  );
}

/** One of a Stripe node's two outputs, where its response or error script is wired. */
function Port({ nodeId, port }: { nodeId: string; port: 'response' | 'error' }) {
  const label = port === 'response' ? 'Response' : 'Error';
  return (
    <div className={`ff-port ff-port-${port}`}>
      <span>{port}</span>
      <Handle
        id={port}
        type="source"
        position={Position.Right}
        className={`ff-handle ff-handle-${port}`}
        aria-label={`${label} port of ${nodeId}`}
      />
    </div>
  );
}
