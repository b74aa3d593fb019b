import type { Edge, Node } from '@xyflow/react';
import type { EdgePort, StripeKind } from '@fireflow/protocol';

/** `workerId`: the queue its executions go to in Redis mode (flow.json `worker_id`); none means `default`. */
export type ScriptFlowNode = Node<{ file: string; workerId?: string }, 'script'>;
export type StripeFlowNode = Node<{ kind: StripeKind }, 'stripe'>;
/** `secret`: the name of the server's environment variable holding the endpoint's signing secret. */
export type WebhookFlowNode = Node<{ events: string[]; secret: string }, 'webhook'>;
export type EditorNode = ScriptFlowNode | StripeFlowNode | WebhookFlowNode;
export type EditorEdge = Edge;

/** What undo/redo restores and copy/paste carries: the persisted part of the editor state. */
export interface GraphSnapshot {
  name: string;
  entry: string;
  nodes: EditorNode[];
  edges: EditorEdge[];
  scripts: Record<string, string>;
}

export const edgeId = (from: string, to: string, port?: EdgePort | null) => `${from}:${port ?? 'out'}->${to}`;
