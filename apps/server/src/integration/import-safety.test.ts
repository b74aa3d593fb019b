import { readdir } from 'node:fs/promises';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowDocument, type ApiError } from '@fireflow/protocol';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { FakeDispatcher } from '../testing/fake-dispatcher.ts';
import { lyingZip } from '../testing/hostile-zip.ts';
import { importZip, jsonRequest, request } from '../testing/http-client.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer({ dispatcher: new FakeDispatcher() });
});
afterEach(async () => {
  await t.stop();
});

const api = (p: string) => `${t.url}/api${p}`;
const postZip = (body: Uint8Array, query = '') => importZip(t.url, body, query);

describe('a hostile import', () => {
  it('is stopped at the real size cap with 400 while /api/health keeps answering quickly', async () => {
    const bomb = lyingZip(1024);
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
    // Warm up both routes first: the first request of a route in a fresh process is not what this measures.
    expect((await request(api('/health'))).status).toBe(200);
    expect((await postZip(lyingZip(2))).status).toBe(400);
    const imports = Promise.all([postZip(bomb), postZip(bomb), postZip(bomb)]);
    let done = false;
    void imports.finally(() => (done = true));
    const latencies: number[] = [];
    // Health is asked back to back for as long as the imports run (and at least a few times).
    while (!done || latencies.length < 5) {
      const started = performance.now();
      const health = await request(api('/health'));
      latencies.push(performance.now() - started);
      expect(health.status).toBe(200);
    }
    for (const res of await imports) {
      expect(res.status).toBe(400);
      expect(res.json<ApiError>().error.code).toBe('ZIP_TOO_LARGE');
    }
    expect(Math.max(...latencies)).toBeLessThan(100);
    expect(await readdir(t.flowsDir)).toEqual([]);
  });

  it('refuses an entry whose CRC does not match', async () => {
    const zip = Buffer.from(zipSync({ 'main.js': strToU8('print(1);\n') }));
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE((zip.readUInt32LE(central + 16) ^ 0xff) >>> 0, central + 16);
    const res = await postZip(zip);
    expect(res.status).toBe(400);
    expect(res.json<ApiError>().error.code).toBe('ZIP_CRC');
  });
});

describe('long names', () => {
  const long = `${'a'.repeat(235)}.js`;

  it('refuses a script file name over 100 characters with 400 naming the field, and no server path', async () => {
    const doc = FlowDocument.parse((await jsonRequest(api('/flows'), 'POST', { id: 'names', name: 'Names' })).json());
    const flow = { ...doc.flow, nodes: doc.flow.nodes.map((n) => (n.type === 'script' ? { ...n, file: long } : n)) };
    const res = await jsonRequest(
      api('/flows/names'),
      'PUT',
      { flow, scripts: { [long]: 'print(1);\n' } },
      { 'if-match': '*' },
    );
    expect(res.status).toBe(400);
    const error = res.json<ApiError>().error;
    expect(error.message).toMatch(/flow\.nodes\.\d+\.file: must be at most 100 characters/);
    expect(res.body.toString()).not.toContain(t.flowsDir);
  });

  it('refuses a flow id over 100 characters, in the body, the path and an import', async () => {
    const id = 'x'.repeat(101);
    const created = await jsonRequest(api('/flows'), 'POST', { id, name: 'Long' });
    expect(created.status).toBe(400);
    expect(created.json<ApiError>().error.message).toContain('id:');
    expect((await request(api(`/flows/${id}`))).status).toBe(400);
    const zip = zipSync({ 'main.js': strToU8('print(1);\n') });
    const imported = await postZip(zip, `?id=${id}`);
    expect(imported.status).toBe(400);
    expect(imported.json<ApiError>().error.code).toBe('INVALID_FLOW_ID');
    const named = await postZip(zipSync({ 'main.js': strToU8(''), [long]: strToU8('') }));
    expect(named.status).toBe(400);
    for (const res of [created, imported, named]) expect(res.body.toString()).not.toContain(t.flowsDir);
  });

  it('never names a server folder in a message', async () => {
    const res = await postZip(zipSync({ 'helper.js': strToU8('print(1);\n') }));
    expect(res.status).toBe(400);
    expect(res.json<ApiError>().error.message).toContain('the flow folder');
    expect(res.body.toString()).not.toContain(t.flowsDir);
  });
});
