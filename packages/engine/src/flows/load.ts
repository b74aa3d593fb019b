import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  FlowFile,
  FlowMigrationError,
  SCRIPT_FILE_PATTERN,
  checkFlowGraph,
  migrateFlowFile,
  type Diagnostic,
  type FlowBundle,
} from '@fireflow/protocol';
import { conventionFlow } from './convention.ts';

export class FlowLoadError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(message: string, diagnostics: Diagnostic[]) {
    super(message);
    this.name = 'FlowLoadError';
    this.diagnostics = diagnostics;
  }
}

const MAX_SCRIPT_BYTES = 1024 * 1024;

function flowDiagnostic(message: string, line = 1, column = 1): Diagnostic {
  return { file: 'flow.json', line, column, message, severity: 'error' };
}

/** Turns a JSON.parse error position into line/column. */
function jsonErrorLocation(text: string, error: Error): { line: number; column: number } {
  const match = /position (\d+)/.exec(error.message);
  if (!match) return { line: 1, column: 1 };
  const before = text.slice(0, Number(match[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Parses flow.json text (migrating older versions) into a FlowFile, or throws FlowLoadError. */
export function parseFlowJson(text: string): FlowFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorLocation(text, error as Error);
    throw new FlowLoadError('flow.json is not valid JSON', [flowDiagnostic((error as Error).message, line, column)]);
  }
  let migrated: unknown;
  try {
    migrated = migrateFlowFile(raw);
  } catch (error) {
    if (error instanceof FlowMigrationError) throw new FlowLoadError(error.message, [flowDiagnostic(error.message)]);
    throw error;
  }
  const parsed = FlowFile.safeParse(migrated);
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.map((issue) =>
      flowDiagnostic(`${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
    throw new FlowLoadError(`flow.json is invalid: ${diagnostics[0]?.message ?? ''}`, diagnostics);
  }
  return parsed.data;
}

/** Checks the graph and that every referenced script is present. */
export function checkBundle(bundle: FlowBundle): Diagnostic[] {
  const diagnostics = checkFlowGraph(bundle.flow).map((problem) => flowDiagnostic(`${problem.path}: ${problem.message}`));
  for (const node of bundle.flow.nodes) {
    if (node.type === 'script' && bundle.scripts[node.file] === undefined) {
      diagnostics.push(flowDiagnostic(`node "${node.id}" uses ${node.file}, which does not exist`));
    }
  }
  return diagnostics;
}

/** Reads a flow folder: flow.json (or the no-flow.json convention) and every script it uses. */
export async function loadFlowDir(dir: string): Promise<FlowBundle> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `flow folder ${dir} does not exist` : `cannot read flow folder ${dir}: ${code}`;
    throw new FlowLoadError(message, [{ file: dir, line: 1, column: 1, message, severity: 'error' }]);
  }
  const scriptFiles = entries.filter((name) => SCRIPT_FILE_PATTERN.test(name));
  let flow: FlowFile;
  if (entries.includes('flow.json')) {
    flow = parseFlowJson(await readFile(path.join(dir, 'flow.json'), 'utf8'));
  } else if (scriptFiles.includes('main.js')) {
    flow = conventionFlow(path.basename(path.resolve(dir)), scriptFiles);
  } else {
    const message = `${dir} has neither flow.json nor main.js`;
    throw new FlowLoadError(message, [{ file: 'flow.json', line: 1, column: 1, message, severity: 'error' }]);
  }
  const byConvention = !entries.includes('flow.json');
  const wanted = new Set(flow.nodes.flatMap((node) => (node.type === 'script' ? [node.file] : [])));
  const scripts: Record<string, string> = {};
  for (const file of wanted) {
    if (!scriptFiles.includes(file)) continue;
    const text = await readFile(path.join(dir, file), 'utf8');
    if (Buffer.byteLength(text) > MAX_SCRIPT_BYTES) {
      throw new FlowLoadError(`${file} is larger than 1 MiB`, [flowDiagnostic(`${file} is larger than 1 MiB`)]);
    }
    scripts[file] = text;
  }
  // By convention, the edges follow what each script calls, known once the texts are read.
  if (byConvention) flow = conventionFlow(flow.name, scriptFiles, scripts);
  const bundle = { flow, scripts };
  const problems = checkBundle(bundle);
  if (problems.length > 0) throw new FlowLoadError(`flow is invalid: ${problems[0]?.message ?? ''}`, problems);
  return bundle;
}
