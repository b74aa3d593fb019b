import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { FlowLoadError, loadFlowDir } from '@fireflow/engine';
import { HttpError } from '../http/errors.ts';
import { isFlowFileName } from '../transfer/zip.ts';

/** Work folders live beside the flows (same file system, so rename is atomic); the dot keeps them out of lists. */
const TEMP_PREFIX = '.fireflow-tmp-';

function tempDir(flowsDir: string): string {
  return path.join(flowsDir, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);
}

export async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** Leftovers of a crash mid-write. */
export async function removeTempDirs(flowsDir: string): Promise<void> {
  const names = await readdir(flowsDir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(TEMP_PREFIX))
      .map((name) => rm(path.join(flowsDir, name), { recursive: true, force: true })),
  );
}

/** The flow's own files (flow.json and plain-named scripts) as bytes; other files in the folder are not the flow's. */
export async function readFlowFiles(dir: string): Promise<Record<string, Uint8Array> | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  const wanted = names.filter(isFlowFileName).sort();
  if (!wanted.includes('flow.json') && !wanted.includes('main.js')) return null;
  const files: Record<string, Uint8Array> = {};
  for (const name of wanted) files[name] = await readFile(path.join(dir, name));
  return files;
}

/** Writes raw files to a work folder and checks they load as a flow; a FlowLoadError becomes a 400. */
export async function writeCheckedFiles(dir: string, files: Record<string, Uint8Array>): Promise<void> {
  for (const [name, bytes] of Object.entries(files)) {
    if (!isFlowFileName(name)) throw new HttpError(400, 'INVALID_FILE_NAME', `"${name}" is not a flow file name`);
    await writeFile(path.join(dir, name), bytes);
  }
  try {
    await loadFlowDir(dir);
  } catch (error) {
    if (error instanceof FlowLoadError) {
      throw new HttpError(400, 'FLOW_INVALID', `The flow is invalid: ${error.message}`, {
        diagnostics: error.diagnostics,
      });
    }
    throw error;
  }
}

/**
 * Fills a work folder, then moves it into place in one rename, so nobody ever sees half a flow. With
 * `overwrite`, the old folder is moved aside first and removed after.
 */
export async function installFlowFolder(
  flowsDir: string,
  id: string,
  fill: (dir: string) => Promise<void>,
  overwrite: boolean,
): Promise<void> {
  const target = path.join(flowsDir, id);
  const work = tempDir(flowsDir);
  await mkdir(work, { recursive: true });
  try {
    await fill(work);
    const exists = await isDirectory(target);
    if (exists && !overwrite) throw new HttpError(409, 'FLOW_EXISTS', `A flow with id "${id}" already exists.`);
    if (exists) {
      const trash = tempDir(flowsDir);
      await rename(target, trash);
      await rename(work, target);
      await rm(trash, { recursive: true, force: true });
      return;
    }
    try {
      await rename(work, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') {
        throw new HttpError(409, 'FLOW_EXISTS', `A flow with id "${id}" already exists.`);
      }
      throw error;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Moves the folder aside first so the flow disappears at once, then deletes it. */
export async function removeFlowFolder(flowsDir: string, id: string): Promise<boolean> {
  const trash = tempDir(flowsDir);
  try {
    await rename(path.join(flowsDir, id), trash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  await rm(trash, { recursive: true, force: true });
  return true;
}
