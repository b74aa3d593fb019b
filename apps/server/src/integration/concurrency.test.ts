import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowChanged, FlowConflictDetails, FlowDocument, type ApiError } from '@fireflow/protocol';
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

async function open(id: string): Promise<{ doc: FlowDocument; etag: string }> {
  const res = await request(api(`/flows/${id}`));
  expect(res.status).toBe(200);
  return { doc: FlowDocument.parse(res.json()), etag: String(res.headers.etag) };
}

function withMain(doc: FlowDocument, text: string) {
  return { flow: doc.flow, scripts: { ...doc.scripts, 'main.js': text } };
}

describe('concurrent edits', () => {
  it('gives GET a strong ETag that follows the content, and the same value as the document version', async () => {
    await jsonRequest(api('/flows'), 'POST', { id: 'tag', name: 'Tag' });
    const first = await open('tag');
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.etag).toBe(`"${first.doc.version}"`);
    expect((await open('tag')).etag).toBe(first.etag);
    const saved = await jsonRequest(api('/flows/tag'), 'PUT', withMain(first.doc, 'print(2);\n'), {
      'if-match': first.etag,
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.etag).not.toBe(first.etag);
    expect((await open('tag')).etag).toBe(saved.headers.etag);
  });

  it('refuses a PUT without If-Match', async () => {
    await jsonRequest(api('/flows'), 'POST', { id: 'bare', name: 'Bare' });
    const { doc } = await open('bare');
    const res = await jsonRequest(api('/flows/bare'), 'PUT', withMain(doc, 'print(1);\n'));
    expect(res.status).toBe(428);
    expect(res.json<ApiError>().error.code).toBe('IF_MATCH_REQUIRED');
  });

  it('loses no update: of two editors on one version, the second save gets 412 with the current flow', async () => {
    await jsonRequest(api('/flows'), 'POST', { id: 'race', name: 'Race' });
    const a = await open('race');
    const b = await open('race');
    const [first, second] = await Promise.all([
      jsonRequest(api('/flows/race'), 'PUT', withMain(a.doc, 'print("A");\n'), { 'if-match': a.etag }),
      jsonRequest(api('/flows/race'), 'PUT', withMain(b.doc, 'print("B");\n'), { 'if-match': b.etag }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 412]);
    const [won, lost] = first.status === 200 ? [first, second] : [second, first];
    const error = lost.json<ApiError>().error;
    expect(error.code).toBe('FLOW_CONFLICT');
    const details = FlowConflictDetails.parse(error.details);
    const winner = FlowDocument.parse(won.json());
    expect(details.current?.scripts['main.js']).toBe(winner.scripts['main.js']);
    expect(`"${details.version}"`).toBe(won.headers.etag);
    // The loser overwrites on purpose with the version it was shown.
    const overwrite = await jsonRequest(api('/flows/race'), 'PUT', withMain(a.doc, 'print("mine");\n'), {
      'if-match': `"${details.version}"`,
    });
    expect(overwrite.status).toBe(200);
    expect((await open('race')).doc.scripts['main.js']).toBe('print("mine");\n');
  });

  it('refuses a weak or unknown tag and answers 404 for a flow that is not there', async () => {
    await jsonRequest(api('/flows'), 'POST', { id: 'weak', name: 'Weak' });
    const { doc, etag } = await open('weak');
    expect(
      (await jsonRequest(api('/flows/weak'), 'PUT', withMain(doc, 'x;\n'), { 'if-match': `W/${etag}` })).status,
    ).toBe(412);
    expect((await jsonRequest(api('/flows/weak'), 'PUT', withMain(doc, 'x;\n'), { 'if-match': '"nope"' })).status).toBe(
      412,
    );
    expect((await jsonRequest(api('/flows/gone'), 'PUT', withMain(doc, 'x;\n'), { 'if-match': '*' })).status).toBe(404);
  });

  it('tells every other open editor about an API save, with the new version', async () => {
    await jsonRequest(api('/flows'), 'POST', { id: 'told', name: 'Told' });
    const { doc, etag } = await open('told');
    const streams = await Promise.all([
      SseClient.connect(api('/events?flow=told')),
      SseClient.connect(api('/events?flow=told')),
    ]);
    clients.push(...streams);
    const saved = await jsonRequest(api('/flows/told'), 'PUT', withMain(doc, 'print("new");\n'), { 'if-match': etag });
    const version = FlowDocument.parse(saved.json()).version;
    for (const stream of streams) {
      const frame = await stream.waitFor((f) => f.event === 'flow.changed');
      expect(FlowChanged.parse(JSON.parse(frame.data))).toMatchObject({ flow_id: 'told', version });
    }
  });
});
