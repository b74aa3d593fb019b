import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, resolveConfig } from './config.ts';
import { UsageError, parseCommandArgs } from './cli/args.ts';
import { HttpError } from './http/errors.ts';
import { readFlowFiles } from './store/flow-folder.ts';
import { FlowStore } from './store/flow-store.ts';
import { FlowStoreError } from './store/store-error.ts';
import { importFlow } from './transfer/import-flow.ts';
import { ArchiveError, zipFlowFiles } from './transfer/zip.ts';
import { unzipFlowFiles } from './transfer/zip-read.ts';

/** Usage and config mistakes exit 2; a refused archive or flow exits 1. */
function failure(command: string, error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigError) {
    process.stderr.write(`fireflow ${command}: ${error.message}\n`);
    return 2;
  }
  if (error instanceof ArchiveError || error instanceof HttpError || error instanceof FlowStoreError) {
    const hint =
      !(error instanceof ArchiveError) && error.code === 'FLOW_EXISTS' ? ' Pass --id <new id> or --overwrite.' : '';
    process.stderr.write(`fireflow ${command}: ${error.message}${hint}\n`);
    const diagnostics = !(error instanceof ArchiveError)
      ? (
          error.details as
            { diagnostics?: Array<{ file: string; line: number; column: number; message: string }> } | undefined
        )?.diagnostics
      : undefined;
    for (const d of diagnostics ?? []) process.stderr.write(`  ${d.file}:${d.line}:${d.column} ${d.message}\n`);
    return 1;
  }
  throw error;
}

/** `fireflow export <flowDir> -o <file.zip>`: the same bytes as GET /api/flows/:id/export. */
export async function exportCommand(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(argv, { output: { type: 'string', short: 'o' } });
    if (positionals.length !== 1 || !values.output)
      throw new UsageError('usage: fireflow export <flowDir> -o <file.zip>');
    const flowDir = path.resolve(positionals[0] as string);
    const files = await readFlowFiles(flowDir);
    if (!files) throw new UsageError(`${flowDir} is not a flow folder (it has neither flow.json nor main.js)`);
    await writeFile(path.resolve(values.output), zipFlowFiles(files));
    process.stdout.write(`Exported ${Object.keys(files).length} files of ${flowDir} to ${values.output}\n`);
    return 0;
  } catch (error) {
    return failure('export', error);
  }
}

/** `fireflow import <file.zip> [--flows ./flows] [--id ID] [--overwrite]`: the same checks as POST /api/flows/import. */
export async function importCommand(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(argv, {
      flows: { type: 'string' },
      id: { type: 'string' },
      overwrite: { type: 'boolean' },
    });
    if (positionals.length !== 1)
      throw new UsageError('usage: fireflow import <file.zip> [--flows ./flows] [--id ID] [--overwrite]');
    const { flowsDir } = resolveConfig(process.env, { flows: values.flows });
    const zipPath = path.resolve(positionals[0] as string);
    const data = await readFile(zipPath).catch(() => {
      throw new UsageError(`cannot read ${zipPath}`);
    });
    const files = await unzipFlowFiles(data);
    const store = await FlowStore.open(flowsDir, { watch: false, recover: false });
    let id: string;
    try {
      id = await importFlow(store, files, { id: values.id, overwrite: values.overwrite === true });
    } finally {
      store.close();
    }
    process.stdout.write(`Imported ${path.basename(zipPath)} as ${path.join(flowsDir, id)}\n`);
    return 0;
  } catch (error) {
    return failure('import', error);
  }
}
