import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowChanged, FlowDocument, FlowList } from '@fireflow/protocol';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { FakeDispatcher } from '../testing/fake-dispatcher.ts';
import { jsonRequest, request } from '../testing/http-client.ts';
import { SseClient } from '../testing/sse-client.ts';

let t: TestServer;
const clients: SseClient[] = [];
beforeEach(async () => {
  t = await startTestServer({ dispatcher: new FakeDispatcher() });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await t.stop();
});

const api = (p: string) => `${t.url}/api${p}`;
async function connect(p: string): Promise<SseClient> {
  const client = await SseClient.connect(api(p));
  clients.push(client);
  return client;
}

describe('edits made outside Fireflow', () => {
  it('show up through GET and are announced on the flow stream', async () => {
    const doc = FlowDocument.parse((await jsonRequest(api('/flows'), 'POST', { id: 'ext', name: 'Ext' })).json());
    expect(doc.scripts['main.js']).not.toBe('print("edited in vim");\n');
    const stream = await connect('/events?flow=ext');
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toContain('text/event-stream');

    await writeFile(path.join(t.flowsDir, 'ext', 'main.js'), 'print("edited in vim");\n');
    const frame = await stream.waitFor((f) => f.event === 'flow.changed');
    expect(FlowChanged.parse(JSON.parse(frame.data)).flow_id).toBe('ext');
    expect(frame.id).toBeNull();

    const read = FlowDocument.parse((await request(api('/flows/ext'))).json());
    expect(read.scripts['main.js']).toBe('print("edited in vim");\n');
  });

  it('announces new folders on the all-flows stream', async () => {
    const stream = await connect('/events?flows=1');
    await mkdir(path.join(t.flowsDir, 'dropped-in'));
    await writeFile(path.join(t.flowsDir, 'dropped-in', 'main.js'), 'print(1);\n');
    const frame = await stream.waitFor((f) => f.event === 'flow.changed' && f.data.includes('dropped-in'));
    expect(FlowChanged.parse(JSON.parse(frame.data)).flow_id).toBe('dropped-in');
    const list = FlowList.parse((await request(api('/flows'))).json());
    expect(list.map((f) => f.id)).toContain('dropped-in');
  });

  it('announces a save made through the API once, with its version, then the outside edit after it', async () => {
    const doc = FlowDocument.parse((await jsonRequest(api('/flows'), 'POST', { id: 'own', name: 'Own' })).json());
    const stream = await connect('/events?flow=own');
    const saved = await jsonRequest(
      api('/flows/own'),
      'PUT',
      { flow: doc.flow, scripts: { 'main.js': 'print("api");\n' } },
      { 'if-match': '*' },
    );
    expect(saved.status).toBe(200);
    const version = FlowDocument.parse(saved.json()).version;
    const ours = await stream.waitFor((f) => f.event === 'flow.changed');
    expect(FlowChanged.parse(JSON.parse(ours.data)).version).toBe(version);
    await writeFile(path.join(t.flowsDir, 'own', 'main.js'), 'print("outside");\n');
    await stream.waitFor((f) => f.event === 'flow.changed' && !f.data.includes(String(version)));
    // The watcher's echo of our own save was not announced a second time.
    expect(stream.frames.filter((f) => f.event === 'flow.changed')).toHaveLength(2);
  });

  it('starts runs from the edited files, not a stale copy', async () => {
    const dispatcher = new FakeDispatcher();
    await t.stop();
    t = await startTestServer({ dispatcher });
    await jsonRequest(api('/flows'), 'POST', { id: 'fresh', name: 'Fresh' });
    const stream = await connect('/events?flow=fresh');
    expect((await jsonRequest(api('/flows/fresh/runs'), 'POST', {})).status).toBe(202);
    await writeFile(path.join(t.flowsDir, 'fresh', 'main.js'), 'print("second");\n');
    await stream.waitFor((f) => f.event === 'flow.changed');
    expect((await jsonRequest(api('/flows/fresh/runs'), 'POST', {})).status).toBe(202);
    expect(dispatcher.starts.map((s) => s.bundle.scripts['main.js'])).toEqual([
      expect.not.stringContaining('second'),
      'print("second");\n',
    ]);
  });
});
