import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowFile, type PutFlowBody } from '@fireflow/protocol';
import { FlowStore } from '../store/flow-store.ts';
import { jsonRequest } from '../testing/http-client.ts';
import { spawnServe, type ServeProcess } from '../testing/serve-process.ts';

const FLOWS = ['alpha', 'beta', 'gamma'];
const KILLS = 20;

let work = '';
let serve: ServeProcess | null = null;
afterAll(async () => {
  await serve?.kill9();
  if (work) await rm(work, { recursive: true, force: true });
});

/** One whole save: every file carries the same marker, and the number of scripts changes from save to save. */
function wholeSave(marker: string, scripts: number): PutFlowBody {
  const files = ['main.js', ...Array.from({ length: scripts }, (_, i) => `extra_${i}.js`)];
  return {
    flow: {
      version: 1,
      name: `save ${marker}`,
      entry: 'main',
      nodes: files.map((file, i) => ({
        id: file.replace('.js', ''),
        type: 'script' as const,
        file,
        position: { x: i * 10, y: 0 },
      })),
      edges: [],
    },
    scripts: Object.fromEntries(files.map((file) => [file, `// ${marker}\nprint("${file}");\n`])),
  };
}

/** The folder is exactly one save: flow.json's marker is in every script it names, and there is no other script. */
async function expectWhole(dir: string, sent: Set<string>): Promise<void> {
  const flow = FlowFile.parse(JSON.parse(await readFile(path.join(dir, 'flow.json'), 'utf8')));
  const marker = flow.name.replace('save ', '');
  expect(sent.has(marker) || marker === 'initial').toBe(true);
  const files = flow.nodes.flatMap((node) => (node.type === 'script' ? [node.file] : [])).sort();
  expect((await readdir(dir)).sort()).toEqual(['flow.json', ...files].sort());
  for (const file of files) expect((await readFile(path.join(dir, file), 'utf8')).split('\n')[0]).toBe(`// ${marker}`);
}

describe('kill -9 during saves', () => {
  it(`leaves every flow equal to one whole save, ${KILLS} times over`, { timeout: 240_000 }, async () => {
    work = await mkdtemp(path.join(tmpdir(), 'fireflow-crash-'));
    const flowsDir = path.join(work, 'flows');
    const seed = await FlowStore.open(flowsDir, { watch: false });
    for (const id of FLOWS) await seed.importFiles(id, filesOf(wholeSave('initial', 1)), false);
    seed.close();

    const sent = new Set<string>();
    let counter = 0;
    for (let round = 0; round < KILLS; round += 1) {
      serve = await spawnServe(['--flows', flowsDir, '--data', path.join(work, 'data')]);
      const url = serve.url;
      let stop = false;
      let firstSave: () => void = () => undefined;
      const saving = new Promise<void>((resolve) => (firstSave = resolve));
      // Two writers per flow, saving back to back until the process dies under them.
      const writers = FLOWS.flatMap((id) =>
        [0, 1].map(async () => {
          while (!stop) {
            counter += 1;
            const marker = `${round}-${counter}`;
            sent.add(marker);
            const res = await jsonRequest(`${url}/api/flows/${id}`, 'PUT', wholeSave(marker, counter % 4), {
              'if-match': '*',
            }).catch(() => null);
            if (!res) return;
            if (res.status === 200) firstSave();
          }
        }),
      );
      await saving;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 200)));
      await serve.kill9();
      stop = true;
      await Promise.all(writers);

      // What the next start does first; then every flow must be one whole save and nothing else may be left.
      const reopened = await FlowStore.open(flowsDir, { watch: false });
      reopened.close();
      expect((await readdir(flowsDir)).sort()).toEqual([...FLOWS].sort());
      for (const id of FLOWS) await expectWhole(path.join(flowsDir, id), sent);
    }
  });
});

function filesOf(body: PutFlowBody): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = { 'flow.json': Buffer.from(JSON.stringify(body.flow)) };
  for (const [name, text] of Object.entries(body.scripts)) files[name] = Buffer.from(text);
  return files;
}
