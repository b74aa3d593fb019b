import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlowList, SessionInfo, type ApiError } from '@fireflow/protocol';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { FakeDispatcher } from '../testing/fake-dispatcher.ts';
import { jsonRequest, request } from '../testing/http-client.ts';
import { runServeToExit, spawnServe, type ServeProcess } from '../testing/serve-process.ts';
import { SseClient } from '../testing/sse-client.ts';

const TOKEN = 'a-long-random-test-token';
const clients: SseClient[] = [];

describe('with FIREFLOW_TOKEN set', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer({ dispatcher: new FakeDispatcher(), token: TOKEN });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await t.stop();
  });
  const api = (p: string) => `${t.url}/api${p}`;

  it('answers /api without the token, or with a wrong one, with 401 UNAUTHORIZED', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: TOKEN },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of attempts) {
      const res = await request(api('/flows'), { headers });
      expect(res.status).toBe(401);
      expect(res.json<ApiError>().error.code).toBe('UNAUTHORIZED');
      expect(res.headers['www-authenticate']).toContain('Bearer');
    }
    const write = await jsonRequest(api('/flows'), 'POST', { id: 'nope', name: 'Nope' });
    expect(write.status).toBe(401);
  });

  it('lets the right bearer token in, and leaves health and webhooks open', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await jsonRequest(api('/flows'), 'POST', { id: 'ok', name: 'Ok' }, auth)).status).toBe(201);
    expect(FlowList.parse((await request(api('/flows'), { headers: auth })).json()).map((f) => f.id)).toEqual(['ok']);
    expect(SessionInfo.parse((await request(api('/session'), { headers: auth })).json())).toEqual({
      token_required: true,
    });
    expect((await request(api('/health'))).status).toBe(200);
    expect((await jsonRequest(api('/hooks/ok/on_payment'), 'POST', {})).status).not.toBe(401);
  });

  it('guards event streams too, which get in with the bearer token or the session cookie', async () => {
    const refused = await SseClient.connect(api('/events?flows=1'));
    clients.push(refused);
    expect(refused.status).toBe(401);

    const bearer = await SseClient.connect(api('/events?flows=1'), { authorization: `Bearer ${TOKEN}` });
    clients.push(bearer);
    expect(bearer.status).toBe(200);

    expect((await jsonRequest(api('/session'), 'POST', { token: 'wrong' })).status).toBe(401);
    const session = await jsonRequest(api('/session'), 'POST', { token: TOKEN });
    expect(session.status).toBe(204);
    const setCookie = String(session.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0] as string;
    const withCookie = await SseClient.connect(api('/events?flows=1'), { cookie });
    clients.push(withCookie);
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers['content-type']).toContain('text/event-stream');
    expect((await request(api('/flows'), { headers: { cookie: `${cookie}x` } })).status).toBe(401);
  });

  it('still refuses another site’s page, token or not', async () => {
    const res = await jsonRequest(
      api('/flows'),
      'POST',
      { id: 'x', name: 'X' },
      { authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
  });
});

describe('fireflow serve off loopback', () => {
  let work = '';
  let serve: ServeProcess | null = null;
  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'fireflow-access-'));
  });
  afterEach(async () => {
    await serve?.kill9();
    serve = null;
    await rm(work, { recursive: true, force: true });
  });
  const dirs = () => ['--flows', path.join(work, 'flows'), '--data', path.join(work, 'data')];

  it('refuses to start without FIREFLOW_TOKEN, in one clear line', async () => {
    const { code, output } = await runServeToExit(['--host', '0.0.0.0', ...dirs()], {});
    expect(code).toBe(2);
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/FIREFLOW_TOKEN/);
  });

  it('starts with it, and asks for it', async () => {
    serve = await spawnServe(['--host', '0.0.0.0', ...dirs()], { FIREFLOW_TOKEN: TOKEN });
    expect((await request(`${serve.url}/api/health`)).status).toBe(200);
    expect((await request(`${serve.url}/api/flows`)).status).toBe(401);
    expect((await request(`${serve.url}/api/flows`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      200,
    );
  });
});
