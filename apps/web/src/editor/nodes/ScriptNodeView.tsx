import { Handle, Position, type NodeProps } from '@xyflow/react';
import { Icon } from '../../shared/Icon.tsx';
import type { ScriptFlowNode } from '../graph/types.ts';
import { useEditor } from '../store/useEditor.ts';
import { useNodeDiagnosticCount, useNodeRunState } from './useNodeRunState.ts';

export function ScriptNodeView({ id, data, selected }: NodeProps<ScriptFlowNode>) {
  const isEntry = useEditor((s) => s.entry === id);
  const runState = useNodeRunState(id);
  const problems = useNodeDiagnosticCount(data.file);
  return (
    <div
      className={`ff-node ff-node-script${selected ? ' is-selected' : ''}${runState ? ` run-${runState}` : ''}`}
      data-run-state={runState ?? undefined}
      aria-label={`Script node ${id} (${data.file})`}
    >
      <Handle type="target" position={Position.Left} className="ff-handle" aria-label={`Input of ${id}`} />
      <div className="ff-node-header">
        <Icon name="code" size={13} />
        <span>Script</span>
        {isEntry && (
          <span className="ff-badge ff-badge-entry" title="Runs first when the flow starts">
            entry
          </span>
        )}
        {problems > 0 && (
          <span className="ff-badge ff-badge-error" title={`${problems} problem(s) in ${data.file}`}>
            {problems}
          </span>
        )}
        {runState === 'running' && <span className="ff-pulse" aria-label="running" />}
      </div>
      <div className="ff-node-title">{id}</div>
      <div className="ff-node-sub mono">{data.file}</div>
      <Handle type="source" position={Position.Right} className="ff-handle" aria-label={`Output of ${id}`} />
    </div>
  );
}
