import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { SCRIPT_FILE_PATTERN, type FlowBundle, type FlowFile } from '@fireflow/protocol';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The storage form of flow.json: keys sorted, 2-space indent, trailing newline — stable diffs in git. */
export function canonicalFlowJson(flow: FlowFile): string {
  return `${JSON.stringify(sortKeys(flow), null, 2)}\n`;
}

/** Temp file + rename, so a reader never sees half a file. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes flow.json and every script; removes scripts the flow no longer uses. */
export async function writeFlowDir(dir: string, bundle: FlowBundle): Promise<void> {
  await mkdir(dir, { recursive: true });
  const keep = new Set<string>();
  for (const [file, text] of Object.entries(bundle.scripts)) {
    if (!SCRIPT_FILE_PATTERN.test(file) || file.includes('..')) throw new Error(`refusing script file name "${file}"`);
    keep.add(file);
    await writeFileAtomic(path.join(dir, file), text);
  }
  await writeFileAtomic(path.join(dir, 'flow.json'), canonicalFlowJson(bundle.flow));
  for (const name of await readdir(dir)) {
    if (SCRIPT_FILE_PATTERN.test(name) && !keep.has(name)) await rm(path.join(dir, name), { force: true });
  }
}
