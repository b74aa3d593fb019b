import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDispatcher, type Dispatcher } from '@fireflow/engine';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { RunDetail, type EventOf } from '@fireflow/protocol';
import { webhookFlow } from '../testing/webhook-flow.ts';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { request, type RawResponse } from '../testing/http-client.ts';

// SPEC §3: Stripe webhooks in — verified, deduplicated per event id and node, answered without waiting.

const SECRET = 'whsec_test_fireflow';
const FLOW = webhookFlow('on_payment', ['payment_intent.succeeded']);
const HANDLER = 'print(`${execution.trigger} ${event.type} ${event.data.object.id} ${parse_json(event_json).id}`);';

let mock: StripeMock;
let dispatcher: Dispatcher | null = null;
let t: TestServer | null = null;
beforeAll(async () => {
  mock = await startStripeMock({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await mock.close();
});
afterEach(async () => {
  await t?.stop();
  t = null;
});

async function flowsFolder(handler = HANDLER): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fireflow-hooks-'));
  await mkdir(path.join(dir, 'hooks'));
  await writeFile(path.join(dir, 'hooks', 'flow.json'), JSON.stringify(FLOW));
  await writeFile(path.join(dir, 'hooks', 'main.js'), 'print("manual");');
  await writeFile(path.join(dir, 'hooks', 'handle.js'), handler);
  return dir;
}

async function serve(dirs: { flowsDir?: string; dataDir?: string } = {}, token?: string): Promise<TestServer> {
  dispatcher = await createLocalDispatcher({
    stripe: { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } },
    threads: 1,
  });
  t = await startTestServer({
    dispatcher,
    flowsDir: dirs.flowsDir ?? (await flowsFolder()),
    ...(dirs.dataDir ? { dataDir: dirs.dataDir } : {}),
    ...(token ? { token } : {}),
    env: { HOOK_SECRET: SECRET },
  });
  return t;
}

function stripeEvent(id: string, type: string): string {
  return JSON.stringify({ id, object: 'event', type, data: { object: { id: 'pi_123', object: 'payment_intent' } } });
}

function deliver(server: TestServer, payload: string, signature?: string, node = 'on_payment'): Promise<RawResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (signature !== undefined) headers['stripe-signature'] = signature;
  return request(`${server.url}/api/hooks/hooks/${node}`, { method: 'POST', headers, body: payload });
}

const sign = (payload: string, timestamp?: number, secret = SECRET): string =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp === undefined ? {} : { timestamp }) });

async function runsOf(server: TestServer): Promise<unknown[]> {
  return (await request(`${server.url}/api/runs?flow=hooks`)).json<unknown[]>();
}

async function settledDetail(server: TestServer, runId: string): Promise<RunDetail> {
  await dispatcher?.waitForSettled(runId);
  return RunDetail.parse((await request(`${server.url}/api/runs/${runId}`)).json());
}

describe('POST /api/hooks/:flow_id/:node_id', () => {
  it('runs the wired script with event and event_json for a verified event of a listed type', async () => {
    const server = await serve();
    const payload = stripeEvent('evt_1', 'payment_intent.succeeded');
    const res = await deliver(server, payload, sign(payload));
    expect(res.status, res.body.toString()).toBe(200);
    const { run_id } = res.json<{ run_id: string }>();
    const detail = await settledDetail(server, run_id);
    const started = detail.events.find((e): e is EventOf<'run.started'> => e.type === 'run.started');
    expect(started).toMatchObject({
      entry: 'handle',
      trigger: 'webhook',
      event_id: 'evt_1',
      event_type: 'payment_intent.succeeded',
    });
    const logs = detail.events.filter((e): e is EventOf<'execution.log'> => e.type === 'execution.log');
    expect(logs.map((log) => log.message)).toEqual(['entry payment_intent.succeeded pi_123 evt_1']);
    expect(detail.events.some((e) => e.type === 'run.settled' && e.status === 'succeeded')).toBe(true);
  });

  it('keeps the event with the execution, and a replay gets the same event', async () => {
    const server = await serve();
    const payload = stripeEvent('evt_replay', 'payment_intent.succeeded');
    const { run_id } = (await deliver(server, payload, sign(payload))).json<{ run_id: string }>();
    const detail = await settledDetail(server, run_id);
    const started = detail.events.find((e): e is EventOf<'execution.started'> => e.type === 'execution.started');
    expect(started?.input).toMatchObject({ event: { id: 'evt_replay', type: 'payment_intent.succeeded' } });
    const replay = await request(`${server.url}/api/runs/${run_id}/executions/${started?.execution_id}/replay?wait=1`, {
      method: 'POST',
    });
    expect(replay.status, replay.body.toString()).toBe(200);
    const replayed = await settledDetail(server, replay.json<{ run_id: string }>().run_id);
    const logs = replayed.events.filter((e): e is EventOf<'execution.log'> => e.type === 'execution.log');
    expect(logs.map((log) => log.message)).toEqual(['replay payment_intent.succeeded pi_123 evt_replay']);
  });

  it("runs the webhook's script alone with a sample event (the editor's Run with sample data)", async () => {
    const server = await serve();
    const event = JSON.parse(stripeEvent('evt_sample', 'payment_intent.succeeded')) as unknown;
    const res = await request(`${server.url}/api/flows/hooks/runs?wait=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ node: 'handle', input: { event } }),
    });
    expect(res.status, res.body.toString()).toBe(200);
    const detail = await settledDetail(server, res.json<{ run_id: string }>().run_id);
    const logs = detail.events.filter((e): e is EventOf<'execution.log'> => e.type === 'execution.log');
    expect(logs.map((log) => log.message)).toEqual(['replay payment_intent.succeeded pi_123 evt_sample']);
  });

  it.each([
    ['missing', undefined, 'SIGNATURE_MISSING'],
    ['invalid', 't=1,v1=deadbeef', 'SIGNATURE_INVALID'],
    ['signed with another secret', 'other', 'SIGNATURE_INVALID'],
    ['too old (past the 300 s tolerance)', 'old', 'SIGNATURE_INVALID'],
  ])('answers 400 and runs nothing when the signature is %s', async (_what, kind, code) => {
    const server = await serve();
    const payload = stripeEvent('evt_bad', 'payment_intent.succeeded');
    const signature =
      kind === 'other'
        ? sign(payload, undefined, 'whsec_someone_else')
        : kind === 'old'
          ? sign(payload, Math.floor(Date.now() / 1000) - 301)
          : kind;
    const res = await deliver(server, payload, signature);
    expect(res.status).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe(code);
    expect(await runsOf(server)).toEqual([]);
  });

  it('answers before the run it starts has finished', async () => {
    // A script that keeps its execution busy: the answer must not wait for it.
    const server = await serve({
      flowsDir: await flowsFolder('const end = Date.now() + 500; while (Date.now() < end) {}'),
    });
    const settled: string[] = [];
    const off = dispatcher?.onEvent((event) => void (event.type === 'run.settled' && settled.push(event.run_id)));
    const payload = stripeEvent('evt_fast', 'payment_intent.succeeded');
    const sent = performance.now();
    const res = await deliver(server, payload, sign(payload));
    const elapsed = performance.now() - sent;
    const { run_id } = res.json<{ run_id: string }>();
    expect(settled).not.toContain(run_id);
    // SPEC §3 asks for 100 ms; the margin is for a loaded test machine, the order above is the real check.
    expect(elapsed).toBeLessThan(400);
    await dispatcher?.waitForSettled(run_id);
    off?.();
  });

  it('refuses a body changed after signing', async () => {
    const server = await serve();
    const payload = stripeEvent('evt_2', 'payment_intent.succeeded');
    const res = await deliver(server, payload.replace('pi_123', 'pi_999'), sign(payload));
    expect(res.status).toBe(400);
  });

  it('answers 200 and ignores an event type the node does not list', async () => {
    const server = await serve();
    const payload = stripeEvent('evt_3', 'customer.created');
    const res = await deliver(server, payload, sign(payload));
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ ignored: true });
    expect(await runsOf(server)).toEqual([]);
  });

  it('starts one run per event id: a redelivery answers with the first run, also after a restart', async () => {
    const flowsDir = await flowsFolder();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'fireflow-hooks-data-'));
    let server = await serve({ flowsDir, dataDir });
    const payload = stripeEvent('evt_dup', 'payment_intent.succeeded');
    const answers = await Promise.all([1, 2, 3].map(() => deliver(server, payload, sign(payload))));
    const ids = answers.map((res) => res.json<{ run_id: string }>().run_id);
    expect(new Set(ids).size).toBe(1);
    await dispatcher?.waitForSettled(ids[0] ?? '');
    await server.stop({ keepDirs: true });
    server = await serve({ flowsDir, dataDir });
    const again = await deliver(server, payload, sign(payload));
    expect(again.json()).toEqual({ run_id: ids[0], duplicate: true });
    // History, reloaded from disk, still says what started the run.
    expect(await runsOf(server)).toEqual([
      expect.objectContaining({ run_id: ids[0], trigger: 'webhook', event_type: 'payment_intent.succeeded' }),
    ]);
  });

  it('needs no access token and no same-site Origin: the signature is what counts', async () => {
    const server = await serve({}, 'secret-token');
    const payload = stripeEvent('evt_4', 'payment_intent.succeeded');
    const res = await request(`${server.url}/api/hooks/hooks/on_payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://stripe.com', 'stripe-signature': sign(payload) },
      body: payload,
    });
    expect(res.status, res.body.toString()).toBe(200);
    expect((await request(`${server.url}/api/runs?flow=hooks`)).status).toBe(401);
  });

  it('answers 404 for a node that is not a webhook', async () => {
    const server = await serve();
    const payload = stripeEvent('evt_5', 'payment_intent.succeeded');
    expect((await deliver(server, payload, sign(payload), 'handle')).status).toBe(404);
  });
});
