import type { FlowDocument, FlowEdge, FlowFile, FlowNode, PutFlowBody } from '@fireflow/protocol';
import { EdgePort } from '@fireflow/protocol';
import { edgeId, type EditorEdge, type EditorNode, type GraphSnapshot } from './types.ts';

function toEditorNode(node: FlowNode): EditorNode {
  const position = { ...node.position };
  switch (node.type) {
    case 'script':
      return {
        id: node.id,
        type: 'script',
        position,
        data: { file: node.file, ...(node.worker_id ? { workerId: node.worker_id } : {}) },
      };
    case 'stripe':
      return { id: node.id, type: 'stripe', position, data: { kind: node.kind } };
    case 'webhook':
      return { id: node.id, type: 'webhook', position, data: { events: [...node.events], secret: node.secret } };
  }
}

function toEditorEdge(edge: FlowEdge): EditorEdge {
  return {
    id: edgeId(edge.from, edge.to, edge.port),
    source: edge.from,
    target: edge.to,
    sourceHandle: edge.port ?? null,
  };
}

export function snapshotFromDocument(doc: FlowDocument): GraphSnapshot {
  return {
    name: doc.flow.name,
    entry: doc.flow.entry,
    nodes: doc.flow.nodes.map(toEditorNode),
    edges: doc.flow.edges.map(toEditorEdge),
    scripts: { ...doc.scripts },
  };
}

function toFlowNode(node: EditorNode): FlowNode {
  const position = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
  if (node.type === 'script') {
    const { file, workerId } = node.data;
    return { id: node.id, type: 'script', file, position, ...(workerId ? { worker_id: workerId } : {}) };
  }
  if (node.type === 'webhook')
    return { id: node.id, type: 'webhook', events: [...node.data.events], secret: node.data.secret, position };
  return { id: node.id, type: 'stripe', kind: node.data.kind, position };
}

export function edgeToFlow(edge: EditorEdge): FlowEdge {
  const port = EdgePort.safeParse(edge.sourceHandle);
  return { from: edge.source, to: edge.target, ...(port.success ? { port: port.data } : {}) };
}

export function flowFromSnapshot(snapshot: GraphSnapshot): FlowFile {
  return {
    version: 1,
    name: snapshot.name,
    entry: snapshot.entry,
    nodes: snapshot.nodes.map(toFlowNode),
    edges: snapshot.edges.map(edgeToFlow),
  };
}

/** Only the scripts some node uses are saved; the rest are leftovers of deleted or renamed nodes. */
export function bodyFromSnapshot(snapshot: GraphSnapshot): PutFlowBody {
  const scripts: Record<string, string> = {};
  for (const node of snapshot.nodes) {
    if (node.type === 'script') scripts[node.data.file] = snapshot.scripts[node.data.file] ?? '';
  }
  return { flow: flowFromSnapshot(snapshot), scripts };
}

/** Stable text form of a document, to tell whether two versions differ. */
export function fingerprint(body: PutFlowBody): string {
  const nodes = [...body.flow.nodes].sort((a, b) => a.id.localeCompare(b.id));
  const edges = body.flow.edges.map((e) => `${e.from}:${e.port ?? ''}->${e.to}`).sort();
  // Files no node uses are leftovers: they are not part of what the editor shows or saves.
  const scripts = body.flow.nodes
    .flatMap((n) => (n.type === 'script' ? [n.file] : []))
    .sort()
    .map((file) => [file, body.scripts[file] ?? '']);
  return JSON.stringify({ ...body.flow, nodes, edges, scripts });
}
