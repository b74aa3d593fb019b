import type { FlowBundle, StripeKind } from '@fireflow/protocol';

/** A one-step flow built in memory: main → Stripe node → response/error scripts (either may be omitted). */
export function oneStepFlow(
  kind: StripeKind,
  scripts: { main: string; response?: string; error?: string },
): FlowBundle {
  const nodes: FlowBundle['flow']['nodes'] = [
    { id: 'main', type: 'script', file: 'main.js', position: { x: 0, y: 0 } },
    { id: 'stripe', type: 'stripe', kind, position: { x: 300, y: 0 } },
  ];
  const edges: FlowBundle['flow']['edges'] = [{ from: 'main', to: 'stripe' }];
  const files: Record<string, string> = { 'main.js': scripts.main };
  if (scripts.response !== undefined) {
    nodes.push({ id: 'on_response', type: 'script', file: 'response.js', position: { x: 600, y: 0 } });
    edges.push({ from: 'stripe', port: 'response', to: 'on_response' });
    files['response.js'] = scripts.response;
  }
  if (scripts.error !== undefined) {
    nodes.push({ id: 'on_error', type: 'script', file: 'error.js', position: { x: 600, y: 100 } });
    edges.push({ from: 'stripe', port: 'error', to: 'on_error' });
    files['error.js'] = scripts.error;
  }
  return { flow: { version: 1, name: `one ${kind}`, entry: 'main', nodes, edges }, scripts: files };
}

/** A flow whose response script fires the same kind again through the same node: a cycle. */
export function cyclicFlow(): FlowBundle {
  const bundle = oneStepFlow('product', {
    main: 'new_product().name("loop").create_async();',
    response: 'new_product().name("loop again").create_async();',
  });
  bundle.flow.edges.push({ from: 'on_response', to: 'stripe' });
  return bundle;
}
