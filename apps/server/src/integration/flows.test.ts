import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowDocument, FlowList, ValidateResult, type ApiError } from '@fireflow/protocol';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { FakeDispatcher } from '../testing/fake-dispatcher.ts';
import { jsonRequest, request } from '../testing/http-client.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer({ dispatcher: new FakeDispatcher() });
});
afterEach(async () => {
  await t.stop();
});

/** These tests are about what a save checks, not about concurrent edits. */
const ANY = { 'if-match': '*' };
const api = (p: string) => `${t.url}/api${p}`;

describe('flows CRUD', () => {
  it('creates, reads, lists, saves and deletes a flow, with the folder as the source of truth', async () => {
    const created = await jsonRequest(api('/flows'), 'POST', { id: 'pay', name: 'Pay', template: 'payment_intent' });
    expect(created.status).toBe(201);
    const doc = FlowDocument.parse(created.json());
    expect(doc.flow.name).toBe('Pay');
    expect(Object.keys(doc.scripts)).toContain('main.js');

    // On disk: canonical flow.json and the scripts.
    const onDisk = await readFile(path.join(t.flowsDir, 'pay', 'flow.json'), 'utf8');
    expect(onDisk.endsWith('}\n')).toBe(true);
    expect(JSON.parse(onDisk).name).toBe('Pay');

    const list = FlowList.parse((await request(api('/flows'))).json());
    expect(list.map((f) => [f.id, f.name])).toEqual([['pay', 'Pay']]);
    expect(Number.isNaN(Date.parse(list[0]?.updated_at ?? ''))).toBe(false);

    const edited = { flow: { ...doc.flow, name: 'Pay v2' }, scripts: { ...doc.scripts, 'main.js': 'print("v2");\n' } };
    const saved = await jsonRequest(api('/flows/pay'), 'PUT', edited, ANY);
    expect(saved.status).toBe(200);
    expect(FlowDocument.parse(saved.json()).flow.name).toBe('Pay v2');
    expect(await readFile(path.join(t.flowsDir, 'pay', 'main.js'), 'utf8')).toBe('print("v2");\n');

    const read = FlowDocument.parse((await request(api('/flows/pay'))).json());
    expect(read.scripts['main.js']).toBe('print("v2");\n');
    expect(read.flow).toEqual(edited.flow);

    expect((await request(api('/flows/pay'), { method: 'DELETE' })).status).toBe(204);
    expect((await request(api('/flows/pay'))).status).toBe(404);
    expect(FlowList.parse((await request(api('/flows'))).json())).toEqual([]);
  });

  it('answers 409 for an id that exists and 404 for one that does not', async () => {
    expect((await jsonRequest(api('/flows'), 'POST', { id: 'dup', name: 'A' })).status).toBe(201);
    const again = await jsonRequest(api('/flows'), 'POST', { id: 'dup', name: 'B' });
    expect(again.status).toBe(409);
    expect(again.json<ApiError>().error.code).toBe('FLOW_EXISTS');
    expect((await jsonRequest(api('/flows/nope'), 'PUT', { flow: {}, scripts: {} }, ANY)).status).toBe(400);
    expect((await request(api('/flows/nope'), { method: 'DELETE' })).status).toBe(404);
  });

  it('lists a folder without flow.json as a flow by convention', async () => {
    await mkdir(path.join(t.flowsDir, 'by-convention'));
    await writeFile(path.join(t.flowsDir, 'by-convention', 'main.js'), 'print(1);\n');
    await mkdir(path.join(t.flowsDir, 'not-a-flow'));
    const list = FlowList.parse((await request(api('/flows'))).json());
    expect(list.map((f) => f.id)).toEqual(['by-convention']);
    const doc = FlowDocument.parse((await request(api('/flows/by-convention'))).json());
    expect(doc.flow.entry).toBe('main');
  });
});

describe('PUT checks the document', () => {
  let doc: FlowDocument;
  beforeEach(async () => {
    doc = FlowDocument.parse(
      (await jsonRequest(api('/flows'), 'POST', { id: 'f', name: 'F', template: 'product' })).json(),
    );
  });

  it('names a script that flow.json references but the body lacks', async () => {
    const { 'main.js': _dropped, ...rest } = doc.scripts;
    const res = await jsonRequest(api('/flows/f'), 'PUT', { flow: doc.flow, scripts: rest }, ANY);
    expect(res.status).toBe(400);
    expect(res.json<ApiError>().error).toMatchObject({ code: 'MISSING_SCRIPT', details: { file: 'main.js' } });
  });

  it('refuses script names that could leave the folder', async () => {
    const res = await jsonRequest(
      api('/flows/f'),
      'PUT',
      { flow: doc.flow, scripts: { ...doc.scripts, '../evil.js': 'x' } },
      ANY,
    );
    expect(res.status).toBe(400);
    expect(res.json<ApiError>().error.code).toBe('INVALID_SCRIPT_NAME');
  });

  it('refuses a graph with problems, with diagnostics', async () => {
    const flow = { ...doc.flow, entry: 'missing_node' };
    const res = await jsonRequest(api('/flows/f'), 'PUT', { flow, scripts: doc.scripts }, ANY);
    expect(res.status).toBe(400);
    const error = res.json<ApiError>().error;
    expect(error.code).toBe('FLOW_INVALID');
    expect(JSON.stringify(error.details)).toContain('missing_node');
  });

  it('refuses scripts over 1 MiB', async () => {
    const res = await jsonRequest(
      api('/flows/f'),
      'PUT',
      { flow: doc.flow, scripts: { ...doc.scripts, 'main.js': 'x'.repeat(1024 * 1024 + 1) } },
      ANY,
    );
    expect(res.status).toBe(413);
    expect(res.json<ApiError>().error.code).toBe('SCRIPT_TOO_LARGE');
  });

  it('answers schema problems with the field', async () => {
    const res = await jsonRequest(
      api('/flows/f'),
      'PUT',
      { flow: { ...doc.flow, version: 7 }, scripts: doc.scripts },
      ANY,
    );
    expect(res.status).toBe(400);
    expect(res.json<ApiError>().error.message).toContain('flow.version');
  });
});

describe('validate', () => {
  it('reports syntax errors of scripts on disk with file and line', async () => {
    await jsonRequest(api('/flows'), 'POST', { id: 'v', name: 'V' });
    await writeFile(path.join(t.flowsDir, 'v', 'main.js'), 'let ok = 1;\nlet = ;\n');
    const res = await jsonRequest(api('/flows/v/validate'), 'POST', {});
    expect(res.status).toBe(200);
    const { diagnostics } = ValidateResult.parse(res.json());
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'main.js', line: 2 });
  });

  it('validates unsaved editor state sent in the body, graph problems included', async () => {
    const doc = FlowDocument.parse((await jsonRequest(api('/flows'), 'POST', { id: 'w', name: 'W' })).json());
    const flow = { ...doc.flow, edges: [...doc.flow.edges, { from: 'main', to: 'ghost' }] };
    const res = await jsonRequest(api('/flows/w/validate'), 'POST', { flow, scripts: { 'main.js': 'print(' } });
    const { diagnostics } = ValidateResult.parse(res.json());
    expect(diagnostics.some((d) => d.file === 'flow.json' && d.message.includes('ghost'))).toBe(true);
    expect(diagnostics.some((d) => d.file === 'main.js')).toBe(true);
  });

  it('still opens a flow whose graph has problems, with its diagnostics', async () => {
    const doc = FlowDocument.parse((await jsonRequest(api('/flows'), 'POST', { id: 'dangling', name: 'D' })).json());
    const flow = { ...doc.flow, edges: [{ from: 'main', to: 'ghost' }] };
    await writeFile(path.join(t.flowsDir, 'dangling', 'flow.json'), JSON.stringify(flow));
    const res = await request(api('/flows/dangling'));
    expect(res.status).toBe(200);
    const body = res.json<FlowDocument & { diagnostics: Array<{ message: string }> }>();
    expect(FlowDocument.parse(body).flow.edges).toEqual([{ from: 'main', to: 'ghost' }]);
    expect(body.diagnostics.some((d) => d.message.includes('ghost'))).toBe(true);
    expect((await jsonRequest(api('/flows/dangling/runs'), 'POST', {})).status).toBe(400);
  });

  it('reports a flow.json that does not load', async () => {
    await mkdir(path.join(t.flowsDir, 'broken'));
    await writeFile(path.join(t.flowsDir, 'broken', 'flow.json'), '{ "name": ');
    const res = await jsonRequest(api('/flows/broken/validate'), 'POST', {});
    const { diagnostics } = ValidateResult.parse(res.json());
    expect(diagnostics[0]?.file).toBe('flow.json');
    const get = await request(api('/flows/broken'));
    expect(get.status).toBe(422);
    expect(get.json<ApiError>().error.code).toBe('FLOW_INVALID');
  });
});
