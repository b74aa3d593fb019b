import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalFlowJson, FlowLoadError, loadFlowDir, parseFlowJson } from '@fireflow/engine';
import type { Diagnostic, FlowBundle } from '@fireflow/protocol';

/** What reading one flow folder gave: a bundle, nothing there, or files that do not make a valid flow. */
export type FlowLoad =
  | { kind: 'ok'; bundle: FlowBundle }
  | { kind: 'missing' }
  | { kind: 'invalid'; message: string; diagnostics: Diagnostic[]; partial: FlowBundle | null };

/** A folder is a flow when it has flow.json, or main.js by convention (SPEC §4). */
export async function looksLikeFlow(dir: string): Promise<boolean> {
  try {
    const names = await readdir(dir);
    return names.includes('flow.json') || names.includes('main.js');
  } catch {
    return false;
  }
}

export async function loadFlow(dir: string): Promise<FlowLoad> {
  try {
    return { kind: 'ok', bundle: await loadFlowDir(dir) };
  } catch (error) {
    if (!(error instanceof FlowLoadError)) throw error;
    if (!(await looksLikeFlow(dir))) return { kind: 'missing' };
    return { kind: 'invalid', message: error.message, diagnostics: error.diagnostics, partial: await readPartial(dir) };
  }
}

/**
 * A flow.json that parses but whose graph has problems (a dangling edge, a missing script) is still worth
 * opening in the editor to fix; only the scripts that exist are returned.
 */
async function readPartial(dir: string): Promise<FlowBundle | null> {
  try {
    const flow = parseFlowJson(await readFile(path.join(dir, 'flow.json'), 'utf8'));
    const scripts: Record<string, string> = {};
    for (const node of flow.nodes) {
      if (node.type !== 'script') continue;
      const text = await readFile(path.join(dir, node.file), 'utf8').catch(() => null);
      if (text !== null) scripts[node.file] = text;
    }
    return { flow, scripts };
  } catch {
    return null;
  }
}

/** Equal fingerprints mean equal content, so a watcher event for a write we made ourselves is not announced. */
export function fingerprint(load: FlowLoad): string {
  switch (load.kind) {
    case 'ok': {
      const scripts = Object.keys(load.bundle.scripts)
        .sort()
        .map((file) => `${file}\u0000${load.bundle.scripts[file] ?? ''}`);
      return `ok\u0000${canonicalFlowJson(load.bundle.flow)}\u0000${scripts.join('\u0000')}`;
    }
    case 'missing':
      return 'missing';
    case 'invalid':
      return `invalid\u0000${JSON.stringify(load.diagnostics)}`;
  }
}
