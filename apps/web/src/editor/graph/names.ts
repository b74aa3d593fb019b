import { NodeId, ScriptFileName } from '@fireflow/protocol';
import type { GraphSnapshot } from './types.ts';

/** `base`, or `base_2`, `base_3`, … — whichever is not taken. */
export function uniqueName(base: string, taken: (candidate: string) => boolean, suffix = ''): string {
  if (!taken(base + suffix)) return base + suffix;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}_${n}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

export function uniqueNodeId(snapshot: Pick<GraphSnapshot, 'nodes'>, base: string): string {
  const ids = new Set(snapshot.nodes.map((n) => n.id));
  return uniqueName(base.slice(0, 56), (c) => ids.has(c));
}

export function uniqueFileName(snapshot: GraphSnapshot, base: string): string {
  const files = new Set(Object.keys(snapshot.scripts));
  for (const node of snapshot.nodes) if (node.type === 'script') files.add(node.data.file);
  return uniqueName(base.replace(/\.js$/, ''), (c) => files.has(c), '.js');
}

export function nodeIdProblem(snapshot: GraphSnapshot, current: string, next: string): string | null {
  const parsed = NodeId.safeParse(next);
  if (!parsed.success) return `Node id ${parsed.error.issues[0]?.message ?? 'is invalid'}.`;
  if (next !== current && snapshot.nodes.some((n) => n.id === next)) return `A node called "${next}" already exists.`;
  return null;
}

export function fileNameProblem(snapshot: GraphSnapshot, current: string, next: string): string | null {
  const parsed = ScriptFileName.safeParse(next);
  if (!parsed.success) return `File name ${parsed.error.issues[0]?.message ?? 'is invalid'}.`;
  if (next === current) return null;
  const owner = snapshot.nodes.find((n) => n.type === 'script' && n.data.file === next);
  if (owner) return `"${next}" is already used by node "${owner.id}".`;
  return null;
}
