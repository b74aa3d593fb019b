import type { FlowFile } from './flow.ts';

export interface GraphProblem {
  /** Dotted path into flow.json, e.g. `edges.2.port`. */
  path: string;
  message: string;
}

/** Checks what the schema alone cannot: references, port rules, uniqueness. */
export function checkFlowGraph(flow: FlowFile): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const byId = new Map<string, FlowFile['nodes'][number]>();
  const files = new Map<string, string>();
  flow.nodes.forEach((node, index) => {
    if (byId.has(node.id)) problems.push({ path: `nodes.${index}.id`, message: `duplicate node id "${node.id}"` });
    byId.set(node.id, node);
    if (node.type === 'script') {
      const owner = files.get(node.file);
      if (owner !== undefined) {
        problems.push({
          path: `nodes.${index}.file`,
          message: `file "${node.file}" is already used by node "${owner}"`,
        });
      }
      files.set(node.file, node.id);
    }
  });

  const entry = byId.get(flow.entry);
  if (!entry) problems.push({ path: 'entry', message: `entry node "${flow.entry}" does not exist` });
  else if (entry.type !== 'script')
    problems.push({ path: 'entry', message: `entry node "${flow.entry}" must be a script node` });

  const taken = new Set<string>();
  flow.edges.forEach((edge, index) => {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from) problems.push({ path: `edges.${index}.from`, message: `node "${edge.from}" does not exist` });
    if (!to) problems.push({ path: `edges.${index}.to`, message: `node "${edge.to}" does not exist` });
    if (!from || !to) return;
    if (from.type === 'script' && to.type === 'stripe') {
      if (edge.port) problems.push({ path: `edges.${index}.port`, message: 'a script → Stripe edge has no port' });
      return;
    }
    if (from.type === 'webhook' && to.type === 'script') {
      if (edge.port) problems.push({ path: `edges.${index}.port`, message: 'a webhook → script edge has no port' });
      const key = `${edge.from}:start`;
      if (taken.has(key))
        problems.push({ path: `edges.${index}`, message: `webhook "${edge.from}" already starts a script` });
      taken.add(key);
      return;
    }
    if (from.type === 'stripe' && to.type === 'script') {
      if (!edge.port) {
        problems.push({
          path: `edges.${index}.port`,
          message: 'a Stripe → script edge needs a port: "response" or "error"',
        });
        return;
      }
      const key = `${edge.from}:${edge.port}`;
      if (taken.has(key)) {
        problems.push({
          path: `edges.${index}.port`,
          message: `the ${edge.port} port of "${edge.from}" is already wired`,
        });
      }
      taken.add(key);
      return;
    }
    problems.push({
      path: `edges.${index}`,
      message: `cannot connect a ${from.type} node to a ${to.type} node (scripts fire Stripe nodes; Stripe ports and webhooks feed scripts)`,
    });
  });
  return problems;
}
