import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, DispatchEvent, RunDetail, RunList, StartRunAccepted, StartRunSettled } from '@fireflow/protocol';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { FakeDispatcher } from '../testing/fake-dispatcher.ts';
import { jsonRequest, request } from '../testing/http-client.ts';
import { SseClientSet, type SseClient } from '../testing/sse-client.ts';

// Server plumbing for runs, driven by a FAKE dispatcher so each step happens when the test says.
// engine-runs.test.ts runs real flows through the engine.

let t: TestServer | null = null;
const clients = new SseClientSet();
afterEach(async () => {
  clients.closeAll();
  await t?.stop();
  t = null;
});

async function setUp(dispatcher: FakeDispatcher, options: Parameters<typeof startTestServer>[0] = { dispatcher }) {
  t = await startTestServer({ ...options, dispatcher });
  await jsonRequest(`${t.url}/api/flows`, 'POST', { id: 'f', name: 'F' });
  return t;
}
const api = (p: string) => `${t?.url}/api${p}`;
const connect = (p: string, headers: Record<string, string> = {}): Promise<SseClient> =>
  clients.connect(api(p), headers);
async function startRun(query = ''): Promise<string> {
  const res = await jsonRequest(api(`/flows/f/runs${query}`), 'POST', {});
  expect(res.status).toBe(202);
  return StartRunAccepted.parse(res.json()).run_id;
}

describe('runs over SSE', () => {
  it('streams a run live: event type as `event:`, event id as `id:`, ending after run.settled', async () => {
    const dispatcher = new FakeDispatcher({ manual: true });
    await setUp(dispatcher);
    const runId = await startRun();
    const stream = await connect(`/events?run=${runId}`);
    await stream.waitFor((f) => f.event === 'run.started');
    dispatcher.log(runId, 'working');
    await stream.waitFor((f) => f.event === 'execution.log');
    dispatcher.settle(runId);
    await stream.ended;
    expect(stream.frames.map((f) => [f.event, f.id])).toEqual([
      ['run.started', '1'],
      ['execution.log', '2'],
      ['run.settled', '3'],
    ]);
    for (const frame of stream.frames) expect(DispatchEvent.parse(JSON.parse(frame.data)).run_id).toBe(runId);
  });

  it('resumes with Last-Event-ID, losing nothing and repeating nothing', async () => {
    const dispatcher = new FakeDispatcher({ manual: true });
    await setUp(dispatcher);
    const runId = await startRun();
    dispatcher.log(runId, 'two');
    const first = await connect(`/events?run=${runId}`);
    const seen = await first.waitFor((f) => f.id === '2');
    first.close();
    await first.ended;
    dispatcher.log(runId, 'three');
    dispatcher.log(runId, 'four');
    const second = await connect(`/events?run=${runId}`, { 'last-event-id': seen.id ?? '' });
    await second.waitFor((f) => f.id === '4');
    dispatcher.settle(runId);
    await second.ended;
    expect(second.frames.map((f) => f.id)).toEqual(['3', '4', '5']);
  });

  it('sends heartbeat comments', async () => {
    const dispatcher = new FakeDispatcher({ manual: true });
    await setUp(dispatcher, { dispatcher, sse: { heartbeatMs: 20 } });
    const runId = await startRun();
    const stream = await connect(`/events?run=${runId}`);
    await stream.nextComment();
    expect(stream.comments).toContain('heartbeat');
  });

  it('cuts off a client that does not read, and it can resume without loss', async () => {
    const dispatcher = new FakeDispatcher({ manual: true });
    await setUp(dispatcher, { dispatcher, sse: { maxBufferedBytes: 64 * 1024 } });
    const runId = await startRun();
    const slow = await connect(`/events?run=${runId}`);
    await slow.waitFor((f) => f.event === 'run.started');
    slow.pause();
    // ~24 MiB: more than loopback socket buffers hold, so the server's own queue has to grow.
    const big = 'x'.repeat(96 * 1024);
    for (let i = 0; i < 256; i += 1) dispatcher.log(runId, big);
    dispatcher.settle(runId);
    slow.resume();
    await slow.ended;
    expect(slow.frames.some((f) => f.event === 'run.settled')).toBe(false);
    const lastId = slow.frames.at(-1)?.id ?? '0';
    const again = await connect(`/events?run=${runId}`, { 'last-event-id': lastId });
    await again.ended;
    const ids = [...slow.frames, ...again.frames].map((f) => Number(f.id));
    expect(ids).toEqual(Array.from({ length: 258 }, (_, i) => i + 1));
  });

  it('keeps a client that is reading through a burst far past maxBufferedBytes', async () => {
    const dispatcher = new FakeDispatcher({ manual: true });
    // A short stallMs, with heartbeats to check it: the client keeps taking data, so it is never stalled.
    const sse = { maxBufferedBytes: 64 * 1024, hardBufferedBytes: 1024 ** 3, stallMs: 50, heartbeatMs: 20 };
    await setUp(dispatcher, { dispatcher, sse });
    const runId = await startRun();
    const reader = await connect(`/events?run=${runId}`);
    await reader.waitFor((f) => f.event === 'run.started');
    const big = 'x'.repeat(96 * 1024);
    for (let i = 0; i < 256; i += 1) dispatcher.log(runId, big); // ~24 MiB queued at once
    dispatcher.settle(runId);
    await reader.ended;
    expect(reader.frames.map((f) => Number(f.id))).toEqual(Array.from({ length: 258 }, (_, i) => i + 1));
  });

  it('streams every run of a flow with <run_id>:<id> ids, and resumes across runs', async () => {
    const dispatcher = new FakeDispatcher({ manual: true });
    await setUp(dispatcher);
    const stream = await connect('/events?flow=f');
    const a = await startRun();
    await stream.waitFor((f) => f.id === `${a}:1`);
    stream.close();
    await stream.ended;
    dispatcher.settle(a);
    const b = await startRun();
    const resumed = await connect('/events?flow=f', { 'last-event-id': `${a}:1` });
    await resumed.waitFor((f) => f.id === `${b}:1`);
    expect(resumed.frames.map((f) => f.id)).toEqual([`${a}:2`, `${b}:1`]);
    const bad = await request(api('/events?flow=f'), { headers: { 'last-event-id': 'nonsense' } });
    expect(bad.status).toBe(400);
  });

  it('refuses a newline smuggled into Last-Event-ID', async () => {
    const dispatcher = new FakeDispatcher();
    await setUp(dispatcher);
    const res = await request(api('/events?run=run_x&last_event_id=1%0Aevent:%20evil'));
    expect(res.status).toBe(400);
  });
});

describe('starting runs', () => {
  it('?wait=1 answers when the run settles', async () => {
    const dispatcher = new FakeDispatcher({ manual: true });
    await setUp(dispatcher);
    const stream = await connect('/events?flow=f');
    const pending = jsonRequest(api('/flows/f/runs?wait=1'), 'POST', {});
    const started = await stream.waitFor((f) => f.event === 'run.started');
    const runId = DispatchEvent.parse(JSON.parse(started.data)).run_id;
    dispatcher.settle(runId, 'failed');
    const res = await pending;
    expect(res.status).toBe(200);
    expect(StartRunSettled.parse(res.json())).toMatchObject({ run_id: runId, status: 'failed' });
  });

  it('passes the entry through and answers unknown flows with 404', async () => {
    const dispatcher = new FakeDispatcher();
    await setUp(dispatcher);
    expect((await jsonRequest(api('/flows/f/runs'), 'POST', { entry: 'main' })).status).toBe(202);
    expect(dispatcher.starts[0]?.options).toMatchObject({ flow_id: 'f', entry: 'main' });
    const missing = await jsonRequest(api('/flows/nope/runs'), 'POST', {});
    expect(missing.status).toBe(404);
    expect(ApiError.parse(missing.json()).error.code).toBe('FLOW_NOT_FOUND');
    expect((await request(api('/flows/f/runs'), { method: 'POST' })).status).toBe(202);
  });
});

describe('run history', () => {
  it('lists runs newest first and survives a restart; a run cut short by the restart shows as interrupted', async () => {
    const dispatcher = new FakeDispatcher({ manual: true, settleOnClose: false });
    const server = await setUp(dispatcher);
    const done = await startRun();
    dispatcher.log(done, 'kept');
    dispatcher.settle(done);
    const cut = await startRun();
    const list = RunList.parse((await request(api('/runs?flow=f'))).json());
    expect(list.map((r) => [r.run_id, r.status])).toEqual([
      [cut, 'running'],
      [done, 'succeeded'],
    ]);
    await server.stop({ keepDirs: true });

    t = await startTestServer({ dispatcher: new FakeDispatcher(), flowsDir: server.flowsDir, dataDir: server.dataDir });
    const after = RunList.parse((await request(api('/runs?flow=f'))).json());
    expect(after.map((r) => [r.run_id, r.status])).toEqual([
      [cut, 'failed'],
      [done, 'succeeded'],
    ]);
    const detail = RunDetail.parse((await request(api(`/runs/${done}`))).json());
    expect(detail.events.map((e) => e.type)).toEqual(['run.started', 'execution.log', 'run.settled']);
    const interrupted = (await request(api(`/runs/${cut}`))).json<{ interrupted?: boolean }>();
    expect(interrupted.interrupted).toBe(true);
    // A settled run streams from the history and ends.
    const stream = await connect(`/events?run=${done}`);
    await stream.ended;
    expect(stream.frames.map((f) => f.event)).toEqual(['run.started', 'execution.log', 'run.settled']);
    // Once a client has everything of a finished run, 204 stops EventSource from reconnecting forever.
    expect((await request(api(`/events?run=${done}`), { headers: { 'last-event-id': '3' } })).status).toBe(204);
    const cutStream = await connect(`/events?run=${cut}`);
    await cutStream.ended;
    expect(cutStream.frames.map((f) => f.event)).toEqual(['run.started']);
    expect((await request(api(`/events?run=${cut}`), { headers: { 'last-event-id': '1' } })).status).toBe(204);
  });
});
