import { ErrorBoundary } from '../../shared/ErrorBoundary.tsx';
import { ScriptPane } from '../script/ScriptPane.tsx';
import { useEditor } from '../store/useEditor.ts';
import { FlowSummaryPanel } from './FlowSummaryPanel.tsx';
import { NodeInspector } from './NodeInspector.tsx';
import { SampleRun } from './SampleRun.tsx';
import { useSideWidth } from './useSideWidth.ts';

interface Props {
  save: () => Promise<boolean>;
  run: () => Promise<void>;
}

export function SidePanel({ save, run }: Props) {
  const selected = useEditor((s) => {
    let found: { id: string; type: string } | null = null;
    for (const node of s.nodes) {
      if (!node.selected) continue;
      if (found) return 'many';
      found = node;
    }
    return found ? `${found.type}:${found.id}` : null;
  });

  const { width, onPointerDown } = useSideWidth();
  const [type, id] = selected && selected !== 'many' ? (selected.split(/:(.*)/) as [string, string]) : [null, null];
  return (
    <aside className="side-panel" aria-label="Details" style={{ width: `min(${width}px, 70vw)` }}>
      <div
        className="side-panel-resize"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize side panel"
        style={{ right: `calc(min(${width}px, 70vw) - 4px)` }}
        onPointerDown={onPointerDown}
      />
      {!id && <FlowSummaryPanel many={selected === 'many'} />}
      {id && <NodeInspector key={id} nodeId={id} />}
      {type === 'script' && id && <SampleRun key={`sample:${id}`} nodeId={id} save={save} />}
      {type === 'script' && id && (
        <ErrorBoundary area="The script editor" resetKey={id}>
          <ScriptPane nodeId={id} save={save} run={run} />
        </ErrorBoundary>
      )}
      {type === 'stripe' && (
        <div className="side-hint muted">
          Wire a script into this node and call <code>create_async()</code> on a builder of its kind. Its response and
          error ports run the scripts wired to them with Stripe&apos;s answer.
        </div>
      )}
    </aside>
  );
}
