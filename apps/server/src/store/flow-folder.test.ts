import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFlowFolder, recoverFlowsDir } from './flow-folder.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fireflow-folder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function flowAt(folder: string, text: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'main.js'), text);
}

describe('recoverFlowsDir', () => {
  it('puts back a flow whose new folder never arrived (a crash between the two renames)', async () => {
    await flowAt(path.join(dir, '.fireflow-old.0a1b2c3d4e5f.pay'), 'old');
    await flowAt(path.join(dir, '.fireflow-tmp-0a1b2c3d4e5f'), 'new, half written');
    await recoverFlowsDir(dir);
    expect(await readdir(dir)).toEqual(['pay']);
    expect(await readFile(path.join(dir, 'pay', 'main.js'), 'utf8')).toBe('old');
  });

  it('drops the old folder once the new one is in place, and writeFileAtomic leftovers inside flows', async () => {
    await flowAt(path.join(dir, 'pay'), 'new');
    await writeFile(path.join(dir, 'pay', '.main.js.0a1b2c3d4e5f.tmp'), 'half');
    await flowAt(path.join(dir, '.fireflow-old.0a1b2c3d4e5f.pay'), 'old');
    await recoverFlowsDir(dir);
    expect(await readdir(dir)).toEqual(['pay']);
    expect(await readdir(path.join(dir, 'pay'))).toEqual(['main.js']);
    expect(await readFile(path.join(dir, 'pay', 'main.js'), 'utf8')).toBe('new');
  });
});

describe('installFlowFolder', () => {
  it('replaces a flow as a whole: files the new one lacks are gone', async () => {
    await flowAt(path.join(dir, 'pay'), 'old');
    await writeFile(path.join(dir, 'pay', 'extra.js'), 'old extra');
    await installFlowFolder(dir, 'pay', (work) => writeFile(path.join(work, 'main.js'), 'new'), 'replace');
    expect(await readdir(dir)).toEqual(['pay']);
    expect(await readdir(path.join(dir, 'pay'))).toEqual(['main.js']);
  });

  it('keeps the old flow when filling the new one fails', async () => {
    await flowAt(path.join(dir, 'pay'), 'old');
    const failing = installFlowFolder(dir, 'pay', () => Promise.reject(new Error('disk full')), 'replace');
    await expect(failing).rejects.toThrow('disk full');
    expect(await readdir(dir)).toEqual(['pay']);
    expect(await readFile(path.join(dir, 'pay', 'main.js'), 'utf8')).toBe('old');
  });
});
