import { STRIPE_KINDS, type FlowFile, type FlowNode, type FlowEdge } from '@fireflow/protocol';

const HANDLER = new RegExp(`^new_create_(${STRIPE_KINDS.join('|')})_(response|error)\\.js$`);

function nodeIdForFile(file: string): string {
  return file
    .replace(/\.js$/, '')
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .slice(0, 64);
}

/**
 * Whether a script can reach the builder of `kind`: any mention of its name counts (a call, an alias), since
 * builders are reachable only by name. A comment mentioning one costs an extra edge, never a missing route.
 */
function usesBuilder(source: string, kind: string): boolean {
  return new RegExp(`\\bnew_${kind}\\b`).test(source);
}

/**
 * A folder with no flow.json: `main.js` is the entry; `new_create_<kind>_{response,error}.js` handle `<kind>`
 * for every script. Synthesizing the equivalent graph lets routing treat both forms the same way. Given the
 * scripts' texts, a script is wired only to the Stripe nodes whose builders it uses, so the canvas shows the calls
 * a flow makes rather than every possible one.
 */
export function conventionFlow(name: string, files: string[], texts?: Readonly<Record<string, string>>): FlowFile {
  const scripts = files.filter((file) => file.endsWith('.js')).sort();
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  let row = 0;
  for (const file of scripts) {
    const handler = HANDLER.exec(file);
    const x = file === 'main.js' ? 0 : handler ? 600 : 0;
    const y = file === 'main.js' ? 0 : (row += 1) * 160;
    nodes.push({ id: nodeIdForFile(file), type: 'script', file, position: { x, y } });
  }
  STRIPE_KINDS.forEach((kind, index) => {
    const stripeId = `create_${kind}`;
    nodes.push({ id: stripeId, type: 'stripe', kind, position: { x: 300, y: index * 160 } });
    for (const file of scripts) {
      const source = texts?.[file];
      if (source === undefined || usesBuilder(source, kind)) edges.push({ from: nodeIdForFile(file), to: stripeId });
      const handler = HANDLER.exec(file);
      if (handler && handler[1] === kind) {
        edges.push({ from: stripeId, port: handler[2] as 'response' | 'error', to: nodeIdForFile(file) });
      }
    }
  });
  return { version: 1, name, entry: 'main', nodes, edges };
}
