import path from 'node:path';
import { FlowLoadError, loadFlowDir, validateBundle } from '@fireflow/engine';
import type { Diagnostic } from '@fireflow/protocol';
import { UsageError, flowDirArgument, parseCommandArgs } from './args.ts';

export function printDiagnostics(flowDir: string, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    const file = path.isAbsolute(d.file) ? d.file : path.join(path.relative(process.cwd(), flowDir) || '.', d.file);
    process.stderr.write(`${file}:${d.line}:${d.column} ${d.message}\n`);
  }
}

/** `fireflow validate`: checks flow.json and compiles every script; exit 1 when anything is wrong. */
export async function validateCommand(argv: string[]): Promise<number> {
  let flowDir: string;
  try {
    const { positionals } = parseCommandArgs(argv, {});
    if (positionals.length !== 1) throw new UsageError('usage: fireflow validate <flowDir>');
    flowDir = flowDirArgument(positionals[0] as string);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`fireflow validate: ${error.message}\n`);
    return 2;
  }
  try {
    const diagnostics = await validateBundle(await loadFlowDir(flowDir));
    printDiagnostics(flowDir, diagnostics);
    if (diagnostics.length === 0) process.stdout.write(`${path.relative(process.cwd(), flowDir) || '.'}: ok\n`);
    return diagnostics.length === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof FlowLoadError)) throw error;
    printDiagnostics(flowDir, error.diagnostics);
    return 1;
  }
}
