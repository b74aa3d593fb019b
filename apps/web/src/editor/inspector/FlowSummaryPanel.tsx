import { useEditorShallow } from '../store/useEditor.ts';

export function FlowSummaryPanel({ many }: { many: boolean }) {
  const { scripts, stripe, edges, entry } = useEditorShallow((s) => ({
    scripts: s.nodes.filter((n) => n.type === 'script').length,
    stripe: s.nodes.filter((n) => n.type === 'stripe').length,
    edges: s.edges.length,
    entry: s.entry,
  }));
  return (
    <section className="inspector" aria-label="Flow">
      <h2 className="panel-title">{many ? 'Several nodes selected' : 'Flow'}</h2>
      <dl className="facts">
        <div>
          <dt>Entry</dt>
          <dd className="mono">{entry}</dd>
        </div>
        <div>
          <dt>Scripts</dt>
          <dd>{scripts}</dd>
        </div>
        <div>
          <dt>Stripe nodes</dt>
          <dd>{stripe}</dd>
        </div>
        <div>
          <dt>Connections</dt>
          <dd>{edges}</dd>
        </div>
      </dl>
      <p className="side-hint muted">
        {many
          ? 'Copy, delete or drag them together. Select a single node to edit it.'
          : 'Select a script node to edit its code, or a Stripe node to see its ports. Connect a script to a Stripe node it calls, and the node’s response and error ports to the scripts that handle the answer.'}
      </p>
    </section>
  );
}
