import { Icon } from '../shared/Icon.tsx';
import { ImportButton } from './ImportButton.tsx';

export function EmptyFlows({ onCreate }: { onCreate: () => void }) {
  return (
    <section className="empty-state" aria-labelledby="empty-flows-title">
      <div className="empty-illustration" aria-hidden="true">
        <span className="node-chip" style={{ ['--chip' as string]: 'var(--kind-script)' }}>main.js</span>
        <span className="empty-wire" />
        <span className="node-chip" style={{ ['--chip' as string]: 'var(--kind-payment-intent)' }}>Payment intent</span>
        <span className="empty-wire" />
        <span className="node-chip" style={{ ['--chip' as string]: 'var(--status-succeeded)' }}>on_response.js</span>
      </div>
      <h2 id="empty-flows-title">No flows yet</h2>
      <p className="muted">
        A flow wires scripts to Stripe calls: a script fires a create call, and the script on the node&apos;s response or error
        port runs when Stripe answers. Start from a template — it runs right away against the built-in Stripe mock.
      </p>
      <div className="empty-actions">
        <button type="button" className="btn btn-primary" onClick={onCreate}>
          <Icon name="plus" />
          Create your first flow
        </button>
        <ImportButton />
      </div>
      <p className="muted small">
        Or drop a <code>.zip</code> exported from Fireflow anywhere on this page. Folders you add under <code>flows/</code> show up
        here too.
      </p>
    </section>
  );
}
