import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { FlowLoadError, loadFlowDir } from '@fireflow/engine';
import { FlowId } from '@fireflow/protocol';
import { isFlowFileName } from '../transfer/zip.ts';
import { flowExists, FlowStoreError } from './store-error.ts';

/**
 * Work folders live beside the flows (same file system, so rename is atomic); the dot keeps them out of lists.
 * A work folder is never the only copy of anything, so it is always safe to delete.
 */
const TEMP_PREFIX = '.fireflow-tmp-';
/** A flow's previous folder while the new one is swapped in: `.fireflow-old.<random>.<id>` (ids hold no dots). */
const OLD_PREFIX = '.fireflow-old.';
/** What writeFileAtomic leaves behind when killed between its write and its rename. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

const random = () => randomBytes(6).toString('hex');

function tempDir(flowsDir: string): string {
  return path.join(flowsDir, `${TEMP_PREFIX}${random()}`);
}

export async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Puts the flows folder back in a state a crash cannot have split: a flow whose folder was moved aside but whose
 * new folder never arrived gets its old folder back; every other leftover is removed.
 */
export async function recoverFlowsDir(flowsDir: string): Promise<void> {
  const names = await readdir(flowsDir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(OLD_PREFIX)) continue;
    const old = path.join(flowsDir, name);
    const id = name.slice(OLD_PREFIX.length).split('.').slice(1).join('.');
    const target = path.join(flowsDir, id);
    if (FlowId.safeParse(id).success && !(await isDirectory(target))) {
      await rename(old, target);
      continue;
    }
    await rm(old, { recursive: true, force: true });
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith(TEMP_PREFIX))
      .map((name) => rm(path.join(flowsDir, name), { recursive: true, force: true })),
  );
  await Promise.all(
    names.filter((name) => FlowId.safeParse(name).success).map((id) => removeTempFiles(path.join(flowsDir, id))),
  );
}

async function removeTempFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((name) => TEMP_FILE.test(name)).map((name) => rm(path.join(dir, name), { force: true })),
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
  for (const name of wanted) {
    try {
      files[name] = await readFile(path.join(dir, name));
    } catch (error) {
      // Swapped out from under us: the caller reads again under the flow's lock if it matters.
      if (errnoOf(error) !== 'ENOENT') throw error;
    }
  }
  return files;
}

/** Writes raw files to a work folder and checks they load as a flow. */
export async function writeCheckedFiles(dir: string, files: Record<string, Uint8Array>, id: string): Promise<void> {
  for (const [name, bytes] of Object.entries(files)) {
    if (!isFlowFileName(name))
      throw new FlowStoreError('INVALID_FILE_NAME', id, `"${name.slice(0, 100)}" is not a flow file name.`);
    await writeFile(path.join(dir, name), bytes);
  }
  try {
    await loadFlowDir(dir);
  } catch (error) {
    if (error instanceof FlowLoadError) {
      throw new FlowStoreError('FLOW_INVALID', id, `The flow is invalid: ${error.message}`, {
        details: { diagnostics: error.diagnostics },
      });
    }
    throw error;
  }
}

/** `create`: the id must be free. `replace`: swap in over the existing folder (or place it if there is none). */
export type InstallMode = 'create' | 'replace';

/**
 * Fills a work folder, then swaps it in: the old folder is renamed aside, the new one renamed into place, the old
 * one removed. A crash between the two renames leaves the old folder under its aside name, which
 * recoverFlowsDir puts back, so a flow is always one whole save or the one before it.
 */
export async function installFlowFolder(
  flowsDir: string,
  id: string,
  fill: (dir: string) => Promise<void>,
  mode: InstallMode,
): Promise<void> {
  const target = path.join(flowsDir, id);
  const work = tempDir(flowsDir);
  await mkdir(work, { recursive: true });
  try {
    await fill(work);
    if (mode === 'create') {
      if (await isDirectory(target)) throw flowExists(id);
      await rename(work, target).catch((error: unknown) => {
        throw errnoOf(error) === 'ENOTEMPTY' || errnoOf(error) === 'EEXIST' ? flowExists(id) : error;
      });
      return;
    }
    const old = path.join(flowsDir, `${OLD_PREFIX}${random()}.${id}`);
    const moved = await rename(target, old).then(
      () => true,
      (error: unknown) => {
        if (errnoOf(error) === 'ENOENT') return false;
        throw error;
      },
    );
    try {
      await rename(work, target);
    } catch (error) {
      if (moved) await rename(old, target);
      throw error;
    }
    if (moved) await rm(old, { recursive: true, force: true });
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
    if (errnoOf(error) === 'ENOENT') return false;
    throw error;
  }
  await rm(trash, { recursive: true, force: true });
  return true;
}
