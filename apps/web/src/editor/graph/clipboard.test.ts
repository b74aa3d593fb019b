import { describe, expect, it } from 'vitest';
import { copySelection, pasteInto } from './clipboard.ts';
import type { GraphSnapshot } from './types.ts';

const graph: GraphSnapshot = {
  name: 'F',
  entry: 'main',
  scripts: { 'main.js': 'print(1)' },
  nodes: [
    { id: 'main', type: 'script', position: { x: 0, y: 0 }, data: { file: 'main.js' }, selected: true },
    { id: 'pi', type: 'stripe', position: { x: 100, y: 0 }, data: { kind: 'payment_intent' }, selected: true },
  ],
  edges: [{ id: 'main:out->pi', source: 'main', target: 'pi', sourceHandle: null }],
};

describe('copy and paste', () => {
  it('pastes renamed nodes, a copy of each script and the edges between them', () => {
    const clip = copySelection(graph)!;
    const pasted = pasteInto(graph, clip, 40);
    expect(pasted.nodes.map((n) => n.id)).toEqual(['main', 'pi', 'main_2', 'pi_2']);
    expect(pasted.scripts['main_2.js']).toBe('print(1)');
    expect(pasted.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['main->pi', 'main_2->pi_2']);
    expect(pasted.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['main_2', 'pi_2']);
    expect(pasted.nodes[2]?.position).toEqual({ x: 40, y: 40 });
  });
});
