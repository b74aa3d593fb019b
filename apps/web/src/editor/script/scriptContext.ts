import type { StripeKind } from '@fireflow/protocol';
import type { EditorEdge, EditorNode } from '../graph/types.ts';

/** Where a script sits in the graph: which Stripe answers it receives, decides the globals it sees. */
export interface ScriptContext {
  nodeId: string;
  isEntry: boolean;
  responseKinds: StripeKind[];
  responseFrom: string[];
  errorKinds: StripeKind[];
  errorFrom: string[];
  /** Event types of the webhook nodes that start this script (`*` for any). Optional: older callers omit it. */
  webhookEvents?: string[];
  webhookFrom?: string[];
}

export function scriptContext(nodeId: string, entry: string, nodes: EditorNode[], edges: EditorEdge[]): ScriptContext {
  const context: ScriptContext = {
    nodeId,
    isEntry: nodeId === entry,
    responseKinds: [],
    responseFrom: [],
    errorKinds: [],
    errorFrom: [],
  };
  for (const edge of edges) {
    if (edge.target !== nodeId) continue;
    const from = nodes.find((n) => n.id === edge.source);
    if (from?.type === 'webhook') {
      context.webhookEvents = [...new Set([...(context.webhookEvents ?? []), ...from.data.events])];
      context.webhookFrom = [...(context.webhookFrom ?? []), from.id];
      continue;
    }
    if (!from || from.type !== 'stripe') continue;
    if (edge.sourceHandle === 'response') {
      if (!context.responseKinds.includes(from.data.kind)) context.responseKinds.push(from.data.kind);
      context.responseFrom.push(from.id);
    } else if (edge.sourceHandle === 'error') {
      if (!context.errorKinds.includes(from.data.kind)) context.errorKinds.push(from.data.kind);
      context.errorFrom.push(from.id);
    }
  }
  return context;
}

/** A stable string for memoising on the context. */
export const contextKey = (c: ScriptContext) => JSON.stringify(c);
