import type { EditorEdge } from '../graph/types.ts';
import { useEditorStoreApi } from '../store/useEditor.ts';

/** The node's connections, each a link that selects the node at the other end. */
export function Wiring({ nodeId, edges }: { nodeId: string; edges: EditorEdge[] }) {
  const store = useEditorStoreApi();
  if (edges.length === 0) return <p className="muted small">Not connected yet. Drag from a handle to another node.</p>;
  return (
    <ul className="wiring" aria-label="Connections">
      {edges.map((edge) => {
        const incoming = edge.target === nodeId;
        const other = incoming ? edge.source : edge.target;
        const port = edge.sourceHandle;
        return (
          <li key={edge.id}>
            <span className="muted">{incoming ? 'from' : 'to'}</span>
            <button type="button" className="link mono" onClick={() => store.getState().selectNode(other, true)}>
              {other}
            </button>
            {port && <span className={`port-tag port-tag-${port}`}>{port}</span>}
          </li>
        );
      })}
    </ul>
  );
}
