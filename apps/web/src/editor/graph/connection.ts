import { checkFlowGraph, type FlowFile } from '@fireflow/protocol';
import type { Connection } from '@xyflow/react';
import { edgeToFlow, flowFromSnapshot } from './document.ts';
import type { GraphSnapshot } from './types.ts';

/**
 * Why `connection` may not be added to the graph, or null when it may.
 * Uses the protocol's own graph rules so the editor never allows what the server refuses.
 */
export function connectionProblem(snapshot: GraphSnapshot, connection: Connection): string | null {
  if (connection.source === connection.target) return 'A node cannot be connected to itself.';
  const flow: FlowFile = flowFromSnapshot(snapshot);
  const candidate = edgeToFlow({
    id: 'candidate',
    source: connection.source,
    target: connection.target,
    sourceHandle: connection.sourceHandle ?? null,
  });
  const duplicate = flow.edges.some(
    (e) => e.from === candidate.from && e.to === candidate.to && e.port === candidate.port,
  );
  if (duplicate) return 'These two nodes are already connected.';
  const index = flow.edges.length;
  const problems = checkFlowGraph({ ...flow, edges: [...flow.edges, candidate] });
  const own = problems.find((p) => p.path === `edges.${index}` || p.path.startsWith(`edges.${index}.`));
  if (!own) return null;
  return own.message.charAt(0).toUpperCase() + own.message.slice(1) + '.';
}
