import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StartRunSettled } from '@fireflow/protocol';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { FakeDispatcher } from '../testing/fake-dispatcher.ts';
import { jsonRequest, request } from '../testing/http-client.ts';
import { SseClient } from '../testing/sse-client.ts';

let t: TestServer | null = null;
let webDir: string | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
  if (webDir) await rm(webDir, { recursive: true, force: true });
  webDir = null;
});

describe('graceful shutdown', () => {
  it('lets running runs finish (answering ?wait=1), ends event streams, and stops accepting', async () => {
    const dispatcher = new FakeDispatcher({ manual: true });
    t = await startTestServer({ dispatcher });
    const url = t.url;
    await jsonRequest(`${url}/api/flows`, 'POST', { id: 'f', name: 'F' });
    const flowStream = await SseClient.connect(`${url}/api/events?flow=f`);
    const waiting = jsonRequest(`${url}/api/flows/f/runs?wait=1`, 'POST', {});
    await flowStream.waitFor((f) => f.event === 'run.started');

    await t.stop();
    t = null;
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(StartRunSettled.parse(res.json()).status).toBe('succeeded');
    await flowStream.ended;
    expect(flowStream.frames.at(-1)?.event).toBe('run.settled');
    await expect(request(`${url}/api/health`)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('the built editor', () => {
  it('is served with an SPA fallback, while /api keeps JSON 404s', async () => {
    webDir = await mkdtemp(path.join(tmpdir(), 'fireflow-web-'));
    await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>editor</title>');
    await writeFile(path.join(webDir, 'app.js'), 'console.log(1)');
    t = await startTestServer({ dispatcher: new FakeDispatcher(), webDir });
    const index = await request(`${t.url}/`);
    expect(index.body.toString()).toContain('<title>editor</title>');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect((await request(`${t.url}/app.js`)).body.toString()).toBe('console.log(1)');
    expect((await request(`${t.url}/flows/some-flow`)).body.toString()).toContain('<title>editor</title>');
    const api = await request(`${t.url}/api/nothing`);
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toContain('application/json');
  });
});
