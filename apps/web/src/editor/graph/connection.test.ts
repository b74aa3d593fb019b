import { describe, expect, it } from 'vitest';
import { connectionProblem } from './connection.ts';
import type { GraphSnapshot } from './types.ts';

const graph: GraphSnapshot = {
  name: 'F',
  entry: 'main',
  scripts: { 'main.js': '', 'on.js': '' },
  nodes: [
    { id: 'main', type: 'script', position: { x: 0, y: 0 }, data: { file: 'main.js' } },
    { id: 'on', type: 'script', position: { x: 0, y: 0 }, data: { file: 'on.js' } },
    { id: 'pi', type: 'stripe', position: { x: 0, y: 0 }, data: { kind: 'payment_intent' } },
    { id: 'prod', type: 'stripe', position: { x: 0, y: 0 }, data: { kind: 'product' } },
  ],
  edges: [{ id: 'pi:response->on', source: 'pi', target: 'on', sourceHandle: 'response' }],
};

const edge = (source: string, target: string, sourceHandle: string | null = null) => ({
  source,
  target,
  sourceHandle,
  targetHandle: null,
});

describe('connectionProblem', () => {
  it('allows script → Stripe and a free port → script', () => {
    expect(connectionProblem(graph, edge('main', 'pi'))).toBeNull();
    expect(connectionProblem(graph, edge('pi', 'main', 'error'))).toBeNull();
  });

  it('refuses Stripe → Stripe and script → script with the protocol rule', () => {
    expect(connectionProblem(graph, edge('pi', 'prod', 'response'))).toMatch(
      /cannot connect a stripe node to a stripe node/i,
    );
    expect(connectionProblem(graph, edge('main', 'on'))).toMatch(/cannot connect a script node to a script node/i);
  });

  it('refuses a port that is already wired', () => {
    expect(connectionProblem(graph, edge('pi', 'main', 'response'))).toBe(
      'The response port of "pi" is already wired.',
    );
  });
});
