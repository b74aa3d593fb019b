import { describe, expect, it } from 'vitest';
import type { FlowFile } from './flow.ts';
import { checkFlowGraph } from './graph.ts';

const base: FlowFile = {
  version: 1,
  name: 'g',
  entry: 'main',
  nodes: [
    { id: 'main', type: 'script', file: 'main.js', position: { x: 0, y: 0 } },
    { id: 'pi', type: 'stripe', kind: 'payment_intent', position: { x: 0, y: 0 } },
    { id: 'pi2', type: 'stripe', kind: 'payment_intent', position: { x: 0, y: 0 } },
    { id: 'ok', type: 'script', file: 'ok.js', position: { x: 0, y: 0 } },
  ],
  edges: [
    { from: 'main', to: 'pi' },
    { from: 'pi', port: 'response', to: 'ok' },
  ],
};

const withEdges = (edges: FlowFile['edges']): FlowFile => ({ ...base, edges: [...base.edges, ...edges] });

describe('checkFlowGraph', () => {
  it('accepts a well-formed graph', () => {
    expect(checkFlowGraph(base)).toEqual([]);
  });

  it.each([
    [[{ from: 'pi', to: 'pi2' }], 'cannot connect a stripe node to a stripe node'],
    [[{ from: 'main', to: 'ok' }], 'cannot connect a script node to a script node'],
    [[{ from: 'pi', port: 'response' as const, to: 'main' }], 'the response port of "pi" is already wired'],
    [[{ from: 'pi', to: 'main' }], 'needs a port'],
    [[{ from: 'main', to: 'nope' }], 'node "nope" does not exist'],
  ])('refuses %j', (edges, message) => {
    expect(
      checkFlowGraph(withEdges(edges))
        .map((p) => p.message)
        .join('\n'),
    ).toContain(message);
  });

  it('requires the entry to be a script node', () => {
    expect(checkFlowGraph({ ...base, entry: 'pi' })[0]?.message).toContain('must be a script node');
  });

  it('refuses two script nodes sharing a file', () => {
    const nodes = [...base.nodes, { id: 'dup', type: 'script' as const, file: 'ok.js', position: { x: 0, y: 0 } }];
    expect(checkFlowGraph({ ...base, nodes })[0]?.path).toBe('nodes.4.file');
  });

  it('lets a webhook start one script, and nothing else', () => {
    const hook = {
      id: 'hook',
      type: 'webhook' as const,
      events: ['payment_intent.succeeded'],
      secret: 'STRIPE_WEBHOOK_SECRET',
      position: { x: 0, y: 0 },
    };
    const flow = { ...base, nodes: [...base.nodes, hook] };
    expect(checkFlowGraph({ ...flow, edges: [...base.edges, { from: 'hook', to: 'ok' }] })).toEqual([]);
    expect(checkFlowGraph({ ...flow, edges: [...base.edges, { from: 'hook', to: 'pi' }] })[0]?.message).toContain(
      'cannot connect a webhook node to a stripe node',
    );
    const twice = checkFlowGraph({
      ...flow,
      edges: [...base.edges, { from: 'hook', to: 'ok' }, { from: 'hook', to: 'main' }],
    });
    expect(twice[0]?.message).toContain('already starts a script');
  });
});
