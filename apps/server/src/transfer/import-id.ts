import path from 'node:path';
import { FlowId } from '@fireflow/protocol';
import { isDirectory } from '../store/flow-folder.ts';
import { ArchiveError, type FlowFiles } from './zip.ts';

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 64);
}

function nameInFlowJson(files: FlowFiles): string | null {
  const bytes = files.files['flow.json'];
  if (!bytes) return null;
  try {
    const raw: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return raw && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string'
      ? (raw as { name: string }).name
      : null;
  } catch {
    return null;
  }
}

/**
 * The id an import lands under: the one asked for, else the archive's folder name, else the flow's name as a
 * slug, else `imported-flow`. Never the zip's file name: the browser and the CLI must agree, and only the
 * archive's contents are the same for both.
 */
export function importId(files: FlowFiles, requested: string | undefined): string {
  if (requested !== undefined) {
    const parsed = FlowId.safeParse(requested);
    if (!parsed.success)
      throw new ArchiveError('INVALID_FLOW_ID', `the flow id ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
    return parsed.data;
  }
  if (files.folder !== null && FlowId.safeParse(files.folder).success) return files.folder;
  const slug = slugify(nameInFlowJson(files) ?? '');
  return FlowId.safeParse(slug).success ? slug : 'imported-flow';
}

/** A free id close to the taken one, offered with a 409 so a client can retry with `?id=`. */
export async function freeIdLike(flowsDir: string, id: string): Promise<string | null> {
  for (let n = 2; n < 1000; n += 1) {
    const candidate = `${id.slice(0, 58)}-${n}`;
    if (!(await isDirectory(path.join(flowsDir, candidate)))) return candidate;
  }
  return null;
}
