import { checkFlowGraph, PutFlowBody, ScriptFileName, type FlowBundle, type FlowDocument } from '@fireflow/protocol';
import { HttpError } from '../http/errors.ts';
import { parseInput } from '../http/parse.ts';
import type { FlowLoad } from '../store/flow-load.ts';

export const MAX_SCRIPT_BYTES = 1024 * 1024;

function flowDiagnostic(message: string) {
  return { file: 'flow.json', line: 1, column: 1, message, severity: 'error' as const };
}

/**
 * A PUT body as a bundle ready to write: schema, graph, script names and sizes checked, and every referenced
 * script present. Scripts no node uses are dropped (the folder keeps only what the flow uses).
 */
export function bundleFromBody(body: unknown): FlowBundle {
  const { flow, scripts } = parseInput(PutFlowBody, body, 'flow document');
  for (const [name, text] of Object.entries(scripts)) {
    const parsedName = ScriptFileName.safeParse(name);
    if (!parsedName.success) {
      throw new HttpError(
        400,
        'INVALID_SCRIPT_NAME',
        `Script name "${name}" ${parsedName.error.issues[0]?.message ?? 'is invalid'}.`,
      );
    }
    if (Buffer.byteLength(text) > MAX_SCRIPT_BYTES) {
      throw new HttpError(413, 'SCRIPT_TOO_LARGE', `Script "${name}" is larger than 1 MiB.`);
    }
  }
  const problems = checkFlowGraph(flow);
  if (problems.length > 0) {
    const diagnostics = problems.map((problem) => flowDiagnostic(`${problem.path}: ${problem.message}`));
    throw new HttpError(400, 'FLOW_INVALID', `The flow is invalid — ${diagnostics[0]?.message ?? ''}`, { diagnostics });
  }
  const used: Record<string, string> = {};
  for (const node of flow.nodes) {
    if (node.type !== 'script') continue;
    const text = scripts[node.file];
    if (text === undefined) {
      throw new HttpError(400, 'MISSING_SCRIPT', `Node "${node.id}" uses ${node.file}, which is not in scripts.`, {
        file: node.file,
        node_id: node.id,
      });
    }
    used[node.file] = text;
  }
  return { flow, scripts: used };
}

/** A load as a document, or the error answering it. `invalidStatus`: 422 to read a broken flow, 400 to run one. */
export function documentFrom(
  id: string,
  load: FlowLoad,
  invalidStatus: 400 | 422 = 422,
  version?: string,
): FlowDocument {
  switch (load.kind) {
    case 'ok':
      return {
        id,
        flow: load.bundle.flow,
        scripts: load.bundle.scripts,
        ...(version === undefined ? {} : { version }),
      };
    case 'missing':
      throw new HttpError(404, 'FLOW_NOT_FOUND', `No flow with id "${id}".`);
    case 'invalid':
      throw new HttpError(invalidStatus, 'FLOW_INVALID', `Flow "${id}" cannot be loaded: ${load.message}`, {
        diagnostics: load.diagnostics,
      });
  }
}

/** What GET answers for a load: a broken flow still opens (with its diagnostics) when its flow.json parses. */
export function documentOrNull(id: string, load: FlowLoad, version: string): FlowDocument | null {
  if (load.kind === 'ok') return documentFrom(id, load, 422, version);
  if (load.kind === 'invalid' && load.partial) {
    return { id, flow: load.partial.flow, scripts: load.partial.scripts, diagnostics: load.diagnostics, version };
  }
  return null;
}
