import { STRIPE_KIND_META } from '../../shared/kinds.ts';
import { useEditor, useEditorShallow, useEditorStoreApi } from '../store/useEditor.ts';
import { InlineField } from './InlineField.tsx';
import { Wiring } from './Wiring.tsx';
import type { EditorNode } from '../graph/types.ts';
import { WebhookFields } from './WebhookFields.tsx';

function nodeTitle(node: EditorNode): string {
  switch (node.type) {
    case 'script':
      return 'Script node';
    case 'stripe':
      return `${STRIPE_KIND_META[node.data.kind].label} node`;
    case 'webhook':
      return 'Stripe webhook node';
  }
}

export function NodeInspector({ nodeId }: { nodeId: string }) {
  const store = useEditorStoreApi();
  const node = useEditor((s) => s.nodes.find((n) => n.id === nodeId));
  const isEntry = useEditor((s) => s.entry === nodeId);
  const wiring = useEditorShallow((s) => s.edges.filter((e) => e.source === nodeId || e.target === nodeId));
  if (!node) return null;

  return (
    <section className="inspector" aria-label={`Node ${nodeId}`}>
      <div className="inspector-head">
        <h2 className="panel-title">{nodeTitle(node)}</h2>
        {node.type === 'script' &&
          (isEntry ? (
            <span className="ff-badge ff-badge-entry">entry</span>
          ) : (
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => store.getState().setEntry(nodeId)}>
              Make entry
            </button>
          ))}
      </div>
      <InlineField
        label="Node id"
        value={node.id}
        mono
        onCommit={(next) => store.getState().renameNode(nodeId, next)}
      />
      {node.type === 'script' && (
        <>
          <InlineField
            label="Script file"
            value={node.data.file}
            mono
            onCommit={(next) => store.getState().renameFile(nodeId, next)}
          />
          {isEntry && (
            <>
              <InlineField
                label="Worker queue"
                value={node.data.workerId ?? ''}
                placeholder="default"
                mono
                onCommit={(next) => store.getState().setWorkerId(nodeId, next)}
              />
              <p className="inspector-row muted">
                Redis mode: the queue whose workers run this entry script. Response and error scripts run on the queue
                their <code>create_async</code> names.
              </p>
            </>
          )}
        </>
      )}
      {node.type === 'stripe' && (
        <p className="inspector-row mono muted">POST {STRIPE_KIND_META[node.data.kind].path}</p>
      )}
      {node.type === 'webhook' && <WebhookFields nodeId={nodeId} events={node.data.events} secret={node.data.secret} />}
      <Wiring nodeId={nodeId} edges={wiring} />
    </section>
  );
}
