import type { StripeKind } from '@fireflow/protocol';
import type { XYPosition } from '@xyflow/react';
import { uniqueFileName, uniqueNodeId } from './names.ts';
import type { EditorNode, GraphSnapshot } from './types.ts';
import { STRIPE_KIND_META } from '../../shared/kinds.ts';

export type NodeTemplate = { type: 'script' } | { type: 'stripe'; kind: StripeKind } | { type: 'webhook' };

export const STARTER_SCRIPT = `// A script runs as its own execution each time its node is triggered.
// Wired from a Stripe node's response port, \`parsed_data\` holds the created object;
// from an error port, \`parsed_error\` holds Stripe's error. Type a dot for completions.
print(\`\${execution.node_id} started by \${execution.trigger}\`);
`;

/** A new node (and, for a script, its file with a starter script) that fits into `snapshot`. */
export function createNode(snapshot: GraphSnapshot, template: NodeTemplate, position: XYPosition) {
  if (template.type === 'script') {
    const id = uniqueNodeId(snapshot, 'script');
    const file = uniqueFileName(snapshot, id);
    const node: EditorNode = { id, type: 'script', position, data: { file }, selected: true };
    return { node, file, text: STARTER_SCRIPT };
  }
  if (template.type === 'webhook') {
    const id = uniqueNodeId(snapshot, 'on_stripe_event');
    const data = { events: ['payment_intent.succeeded'], secret: 'STRIPE_WEBHOOK_SECRET' };
    const node: EditorNode = { id, type: 'webhook', position, data, selected: true };
    return { node, file: null, text: null };
  }
  const id = uniqueNodeId(snapshot, STRIPE_KIND_META[template.kind].defaultId);
  const node: EditorNode = { id, type: 'stripe', position, data: { kind: template.kind }, selected: true };
  return { node, file: null, text: null };
}
