import type { Diagnostic, FlowBundle } from '@fireflow/protocol';
import { checkSyntax } from '../sandbox/index.ts';
import { checkBundle } from './load.ts';

/** Graph problems (as flow.json diagnostics) plus a QuickJS compile of every script the flow uses. */
export async function validateBundle(bundle: FlowBundle): Promise<Diagnostic[]> {
  const diagnostics = checkBundle(bundle);
  const used = new Set(bundle.flow.nodes.flatMap((node) => (node.type === 'script' ? [node.file] : [])));
  for (const file of [...used].sort()) {
    const source = bundle.scripts[file];
    if (source === undefined) continue;
    for (const problem of await checkSyntax(source, file)) diagnostics.push({ ...problem, severity: 'error' });
  }
  return diagnostics;
}
