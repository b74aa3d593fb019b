import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowDocument, type ApiError } from '@fireflow/protocol';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { FakeDispatcher } from '../testing/fake-dispatcher.ts';
import { importZip, jsonRequest, request } from '../testing/http-client.ts';
import { exportCommand, importCommand } from '../zip-commands.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer({ dispatcher: new FakeDispatcher() });
});
afterEach(async () => {
  await t.stop();
});

const api = (p: string) => `${t.url}/api${p}`;
const postZip = (query: string, body: Uint8Array) => importZip(t.url, body, query);

describe('export and import', () => {
  it('export → import → export is byte-identical', async () => {
    await jsonRequest(api('/flows'), 'POST', { id: 'chain', name: 'Chain', template: 'chained' });
    const first = await request(api('/flows/chain/export'));
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/zip');
    expect(first.headers['content-disposition']).toBe('attachment; filename="chain.zip"');

    const imported = await postZip('?id=chain-copy', first.body);
    expect(imported.status).toBe(201);
    expect(imported.json()).toEqual({ id: 'chain-copy' });
    const second = await request(api('/flows/chain-copy/export'));
    expect(second.body.equals(first.body)).toBe(true);

    const a = FlowDocument.parse((await request(api('/flows/chain'))).json());
    const b = FlowDocument.parse((await request(api('/flows/chain-copy'))).json());
    expect(b.flow).toEqual(a.flow);
    expect(b.scripts).toEqual(a.scripts);
  });

  it('refuses an existing id with 409 and a suggestion, unless ?id= or ?overwrite=1', async () => {
    await jsonRequest(api('/flows'), 'POST', { id: 'taken', name: 'Taken' });
    const zip = (await request(api('/flows/taken/export'))).body;
    const clash = await postZip('', zip);
    expect(clash.status).toBe(409);
    expect(clash.json<ApiError>().error).toMatchObject({
      code: 'FLOW_EXISTS',
      details: { id: 'taken', suggestion: 'taken-2' },
    });
    expect((await postZip('?overwrite=1', zip)).status).toBe(201);
    expect((await postZip('?id=taken-2', zip)).json()).toEqual({ id: 'taken-2' });
  });

  it('refuses a zip with ../ entries and writes nothing', async () => {
    const evil = zipSync({ 'main.js': strToU8('print(1)'), '../escaped.js': strToU8('pwned') });
    const res = await postZip('?id=evil', evil);
    expect(res.status).toBe(400);
    expect(res.json<ApiError>().error.code).toBe('ZIP_UNSAFE_PATH');
    expect(res.json<ApiError>().error.message).toContain('../escaped.js');
    expect(await readdir(t.flowsDir)).toEqual([]);
    expect(await readdir(path.dirname(t.flowsDir))).not.toContain('escaped.js');
  });

  it.each([
    ['absolute paths', { '/abs.js': 'x', 'main.js': 'x' }, 'ZIP_UNSAFE_PATH'],
    ['nested folders', { 'a/b/main.js': 'x' }, 'ZIP_NESTED'],
    ['non-.js files', { 'main.js': 'x', 'run.sh': 'x' }, 'ZIP_BAD_NAME'],
  ])('refuses %s', async (_what, entries, code) => {
    const zip = zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, strToU8(v)])));
    const res = await postZip('?id=x', zip);
    expect(res.status).toBe(400);
    expect(res.json<ApiError>().error.code).toBe(code);
  });

  it('answers a malformed zip and an invalid flow with 400', async () => {
    const garbage = await postZip('?id=g', Buffer.from('PK\u0003\u0004 definitely not a zip'));
    expect(garbage.status).toBe(400);
    expect(garbage.json<ApiError>().error.code).toBe('ZIP_INVALID');
    const invalid = await postZip('?id=bad', zipSync({ 'flow.json': strToU8('{"version":1}') }));
    expect(invalid.status).toBe(400);
    expect(invalid.json<ApiError>().error.code).toBe('FLOW_INVALID');
    expect(await readdir(t.flowsDir)).toEqual([]);
  });

  it('imports a folder uploaded as files (JSON, base64)', async () => {
    const files = { 'picked/main.js': Buffer.from('print("from a folder");\n').toString('base64') };
    const res = await jsonRequest(api('/flows/import'), 'POST', { files });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({ id: 'picked' });
    expect(await readFile(path.join(t.flowsDir, 'picked', 'main.js'), 'utf8')).toBe('print("from a folder");\n');
  });

  it('refuses other content types with 415', async () => {
    const res = await request(api('/flows/import'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(res.status).toBe(415);
  });
});

describe('fireflow export / import', () => {
  it('make the same zip as the API and import it into a flows folder', async () => {
    await jsonRequest(api('/flows'), 'POST', { id: 'cli', name: 'CLI', template: 'price' });
    const work = await mkdtemp(path.join(tmpdir(), 'fireflow-cli-'));
    try {
      const zipPath = path.join(work, 'cli.zip');
      const write = process.stdout.write;
      process.stdout.write = (() => true) as typeof process.stdout.write;
      let exported: number;
      let imported: number;
      try {
        exported = await exportCommand([path.join(t.flowsDir, 'cli'), '-o', zipPath]);
        imported = await importCommand([zipPath, '--flows', path.join(work, 'flows'), '--id', 'cli-copy']);
      } finally {
        process.stdout.write = write;
      }
      expect(exported).toBe(0);
      expect(imported).toBe(0);
      const fromApi = (await request(api('/flows/cli/export'))).body;
      expect((await readFile(zipPath)).equals(fromApi)).toBe(true);
      expect(await readFile(path.join(work, 'flows', 'cli-copy', 'main.js'), 'utf8')).toBe(
        await readFile(path.join(t.flowsDir, 'cli', 'main.js'), 'utf8'),
      );
      await writeFile(path.join(work, 'evil.zip'), zipSync({ '../x.js': strToU8('') }));
      const stderr = process.stderr.write;
      process.stderr.write = (() => true) as typeof process.stderr.write;
      try {
        expect(await importCommand([path.join(work, 'evil.zip'), '--flows', path.join(work, 'flows')])).toBe(1);
        expect(await exportCommand([])).toBe(2);
      } finally {
        process.stderr.write = stderr;
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it('lands the same zip under the same id as the browser does, whatever the file is called', async () => {
    await jsonRequest(api('/flows'), 'POST', { id: 'original', name: 'Monthly Plan', template: 'price' });
    const zip = (await request(api('/flows/original/export'))).body;
    const fromBrowser = await postZip('', zip);
    expect(fromBrowser.status).toBe(201);
    const work = await mkdtemp(path.join(tmpdir(), 'fireflow-cli-'));
    const write = process.stdout.write;
    try {
      const zipPath = path.join(work, 'ui-export-1733520000.zip');
      await writeFile(zipPath, zip);
      process.stdout.write = (() => true) as typeof process.stdout.write;
      expect(await importCommand([zipPath, '--flows', path.join(work, 'flows')])).toBe(0);
      process.stdout.write = write;
      expect(fromBrowser.json()).toEqual({ id: 'monthly-plan' });
      expect(await readdir(path.join(work, 'flows'))).toEqual(['monthly-plan']);
    } finally {
      process.stdout.write = write;
      await rm(work, { recursive: true, force: true });
    }
  });
});
