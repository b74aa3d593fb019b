import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { FlowLoadError, loadFlowDir, parseFlowJson } from '@fireflow/engine';
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

/**
 * A flow's version: a hash of its own files' names and bytes, so it changes with any edit (ours or outside) and
 * equal versions mean equal content. Used as the ETag and to keep the watcher quiet about our own writes.
 */
export function contentVersion(files: Record<string, Uint8Array> | null): string {
  if (!files) return MISSING_VERSION;
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) {
    const bytes = files[name] as Uint8Array;
    hash.update(`${name}\u0000${bytes.length}\u0000`);
    hash.update(bytes);
  }
  return hash.digest('base64url').slice(0, 27);
}

export const MISSING_VERSION = 'missing';
