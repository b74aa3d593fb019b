import type { EdgePort, FlowBundle, ScriptNode, StripeKind, StripeNode } from '@fireflow/protocol';

export type RouteResult = { ok: true; node: StripeNode } | { ok: false; message: string };

/** Which Stripe node handles a `create` of `kind` fired by `sourceId` (SPEC §4 routing). */
export function routeRequest(bundle: FlowBundle, sourceId: string, kind: StripeKind, chosen: string | null): RouteResult {
  const wired = bundle.flow.edges
    .filter((edge) => edge.from === sourceId && edge.port === undefined)
    .map((edge) => bundle.flow.nodes.find((node) => node.id === edge.to))
    .filter((node): node is StripeNode => node?.type === 'stripe' && node.kind === kind);
  if (chosen !== null) {
    const node = wired.find((candidate) => candidate.id === chosen);
    if (node) return { ok: true, node };
    return { ok: false, message: `node("${chosen}") is not a ${kind} Stripe node wired from "${sourceId}"` };
  }
  const [first, second] = wired;
  if (!first) return { ok: false, message: `no ${kind} Stripe node is wired from "${sourceId}"` };
  if (second) {
    return {
      ok: false,
      message: `several ${kind} Stripe nodes are wired from "${sourceId}" (${wired.map((n) => n.id).join(', ')}); pick one with .node(id)`,
    };
  }
  return { ok: true, node: first };
}

/** The script wired to a Stripe node's port, if any. */
export function routeOutcome(bundle: FlowBundle, stripeId: string, port: EdgePort): ScriptNode | null {
  const edge = bundle.flow.edges.find((candidate) => candidate.from === stripeId && candidate.port === port);
  const node = edge && bundle.flow.nodes.find((candidate) => candidate.id === edge.to);
  return node?.type === 'script' ? node : null;
}

export function scriptNode(bundle: FlowBundle, id: string): ScriptNode | null {
  const node = bundle.flow.nodes.find((candidate) => candidate.id === id);
  return node?.type === 'script' ? node : null;
}
