import { uniqueFileName, uniqueNodeId } from './names.ts';
import { edgeId, type EditorEdge, type EditorNode, type GraphSnapshot } from './types.ts';

export interface ClipboardContent {
  nodes: EditorNode[];
  edges: EditorEdge[];
  scripts: Record<string, string>;
}

/** The selected nodes, the edges between them and their scripts. */
export function copySelection(snapshot: GraphSnapshot): ClipboardContent | null {
  const nodes = snapshot.nodes.filter((n) => n.selected);
  if (nodes.length === 0) return null;
  const ids = new Set(nodes.map((n) => n.id));
  const scripts: Record<string, string> = {};
  for (const node of nodes)
    if (node.type === 'script') scripts[node.data.file] = snapshot.scripts[node.data.file] ?? '';
  return {
    nodes: structuredClone(nodes),
    edges: snapshot.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ ...e })),
    scripts,
  };
}

/** `clip` renamed so nothing clashes with `snapshot`, moved by `offset`, selected. */
export function pasteInto(snapshot: GraphSnapshot, clip: ClipboardContent, offset: number): GraphSnapshot {
  const working: GraphSnapshot = {
    ...snapshot,
    nodes: snapshot.nodes.map((n) => ({ ...n, selected: false })),
    scripts: { ...snapshot.scripts },
  };
  const renamed = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = uniqueNodeId(working, node.id);
    renamed.set(node.id, id);
    const position = { x: node.position.x + offset, y: node.position.y + offset };
    if (node.type === 'script') {
      const file = uniqueFileName(working, id);
      working.scripts[file] = clip.scripts[node.data.file] ?? '';
      working.nodes.push({ id, type: 'script', position, data: { file }, selected: true });
    } else if (node.type === 'webhook') {
      working.nodes.push({
        id,
        type: 'webhook',
        position,
        data: { ...node.data, events: [...node.data.events] },
        selected: true,
      });
    } else {
      working.nodes.push({ id, type: 'stripe', position, data: { kind: node.data.kind }, selected: true });
    }
  }
  const edges = clip.edges.flatMap((edge) => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) return [];
    return [
      {
        id: edgeId(source, target, edge.sourceHandle as 'response' | 'error' | null),
        source,
        target,
        sourceHandle: edge.sourceHandle ?? null,
      },
    ];
  });
  return { ...working, edges: [...snapshot.edges.map((e) => ({ ...e, selected: false })), ...edges] };
}
