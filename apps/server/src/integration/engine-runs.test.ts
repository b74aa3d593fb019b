import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDispatcher } from '@fireflow/engine';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { ApiError, DispatchEvent, FlowDocument, RunDetail, RunList, StartRunSettled } from '@fireflow/protocol';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { jsonRequest, request } from '../testing/http-client.ts';
import { SseClientSet, type SseClient } from '../testing/sse-client.ts';

// Real flows: the engine's in-process dispatcher on a worker-thread sandbox, against the built-in Stripe mock.

let mock: StripeMock;
let t: TestServer | null = null;
const clients = new SseClientSet();

beforeAll(async () => {
  mock = await startStripeMock({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await mock.close();
});
afterEach(async () => {
  clients.closeAll();
  await t?.stop();
  t = null;
});

function dispatcher() {
  return createLocalDispatcher({
    stripe: { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } },
    threads: 2,
  });
}
async function serve(options: { flowsDir?: string; dataDir?: string } = {}): Promise<TestServer> {
  t = await startTestServer({ dispatcher: await dispatcher(), ...options });
  return t;
}
/** These tests are about what a save checks, not about concurrent edits. */
const ANY = { 'if-match': '*' };
const api = (p: string) => `${t?.url}/api${p}`;
const connect = (p: string, headers: Record<string, string> = {}): Promise<SseClient> =>
  clients.connect(api(p), headers);
const events = (client: SseClient) => client.frames.map((frame) => DispatchEvent.parse(JSON.parse(frame.data)));

describe('a real run', () => {
  it('streams the SPEC §5 events in order through run.settled, without the secret', async () => {
    await serve();
    await jsonRequest(api('/flows'), 'POST', { id: 'pay', name: 'Pay', template: 'payment_intent' });
    const flowStream = await connect('/events?flow=pay');
    const started = await jsonRequest(api('/flows/pay/runs'), 'POST', {});
    expect(started.status).toBe(202);
    const runId = started.json<{ run_id: string }>().run_id;
    await flowStream.waitFor((f) => f.event === 'run.settled');

    const stream = await connect(`/events?run=${runId}`);
    await stream.ended;
    const list = events(stream);
    expect(list.map((e) => e.id)).toEqual(list.map((_, i) => i + 1));
    expect(stream.frames.map((f) => f.event)).toEqual(list.map((e) => e.type));
    expect(list[0]?.type).toBe('run.started');
    const settled = list.at(-1);
    expect(settled?.type === 'run.settled' && settled.status).toBe('succeeded');

    const at = (predicate: (e: DispatchEvent) => boolean) => list.findIndex(predicate);
    const entryQueued = at((e) => e.type === 'execution.queued' && e.trigger === 'entry');
    const entryId = list[entryQueued]?.type === 'execution.queued' ? list[entryQueued].execution_id : '';
    const sent = at((e) => e.type === 'stripe.request.sent');
    const ok = at((e) => e.type === 'stripe.request.succeeded');
    const responseQueued = at((e) => e.type === 'execution.queued' && e.trigger === 'response');
    const responseId = list[responseQueued]?.type === 'execution.queued' ? list[responseQueued].execution_id : '';
    expect(entryQueued).toBeGreaterThan(0);
    expect(at((e) => e.type === 'execution.started' && e.execution_id === entryId)).toBeGreaterThan(entryQueued);
    expect(at((e) => e.type === 'execution.finished' && e.execution_id === entryId)).toBeGreaterThan(entryQueued);
    expect(sent).toBeGreaterThan(entryQueued);
    expect(ok).toBeGreaterThan(sent);
    expect(responseQueued).toBeGreaterThan(ok);
    expect(at((e) => e.type === 'execution.finished' && e.execution_id === responseId)).toBeGreaterThan(responseQueued);

    // The flow stream saw the same events, under <run_id>:<id>.
    expect(flowStream.frames.map((f) => f.id)).toEqual(list.map((e) => `${runId}:${e.id}`));
    const everything = stream.frames.map((f) => f.data).join('\n');
    expect(everything).not.toContain(MOCK_SECRET_KEY);
  });

  it('?wait=1 answers with the settled status, and resume after settling loses nothing', async () => {
    await serve();
    await jsonRequest(api('/flows'), 'POST', { id: 'prod', name: 'Product', template: 'product' });
    const res = await jsonRequest(api('/flows/prod/runs?wait=1'), 'POST', {});
    expect(res.status).toBe(200);
    const settled = StartRunSettled.parse(res.json());
    expect(settled.status).toBe('succeeded');

    const full = await connect(`/events?run=${settled.run_id}`);
    await full.ended;
    const resumed = await connect(`/events?run=${settled.run_id}`, { 'last-event-id': '3' });
    await resumed.ended;
    expect(resumed.frames.map((f) => f.id)).toEqual(full.frames.slice(3).map((f) => f.id));
    expect(resumed.frames.at(-1)?.event).toBe('run.settled');
  });

  it('a failing script settles the run as failed', async () => {
    await serve();
    const doc = FlowDocument.parse((await jsonRequest(api('/flows'), 'POST', { id: 'boom', name: 'Boom' })).json());
    await jsonRequest(
      api('/flows/boom'),
      'PUT',
      { flow: doc.flow, scripts: { 'main.js': 'throw new Error("boom");\n' } },
      ANY,
    );
    const res = await jsonRequest(api('/flows/boom/runs?wait=1'), 'POST', {});
    expect(StartRunSettled.parse(res.json()).status).toBe('failed');
    const detail = RunDetail.parse((await request(api(`/runs/${StartRunSettled.parse(res.json()).run_id}`))).json());
    const failed = detail.events.find((e) => e.type === 'execution.failed');
    expect(failed?.type === 'execution.failed' && failed.error.code).toBe('SCRIPT_ERROR');
  });

  it('a flow that does not load answers 400 with diagnostics', async () => {
    const server = await serve();
    await jsonRequest(api('/flows'), 'POST', { id: 'broken', name: 'Broken' });
    const stream = await connect('/events?flow=broken');
    await writeFile(path.join(server.flowsDir, 'broken', 'flow.json'), '{"version": 1, "name": "x"}\n');
    await stream.waitFor((f) => f.event === 'flow.changed');
    const res = await jsonRequest(api('/flows/broken/runs'), 'POST', {});
    expect(res.status).toBe(400);
    const error = ApiError.parse(res.json()).error;
    expect(error.code).toBe('FLOW_INVALID');
    expect(JSON.stringify(error.details)).toContain('flow.json');
  });

  it('history survives a restart with a new server and dispatcher on the same data dir', async () => {
    const first = await serve();
    await jsonRequest(api('/flows'), 'POST', { id: 'price', name: 'Price', template: 'price' });
    const { run_id } = StartRunSettled.parse((await jsonRequest(api('/flows/price/runs?wait=1'), 'POST', {})).json());
    const before = RunDetail.parse((await request(api(`/runs/${run_id}`))).json());
    await first.stop({ keepDirs: true });

    await serve({ flowsDir: first.flowsDir, dataDir: first.dataDir });
    const list = RunList.parse((await request(api('/runs?flow=price'))).json());
    expect(list.map((r) => [r.run_id, r.status])).toEqual([[run_id, 'succeeded']]);
    const after = RunDetail.parse((await request(api(`/runs/${run_id}`))).json());
    expect(after.events).toEqual(before.events);
    expect(after.counts).toEqual(before.counts);
  });
});
