import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, Health } from '@fireflow/protocol';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { FakeDispatcher } from '../testing/fake-dispatcher.ts';
import { importZip, jsonRequest, request } from '../testing/http-client.ts';

let t: TestServer;
let dispatcher: FakeDispatcher;
beforeAll(async () => {
  dispatcher = new FakeDispatcher();
  t = await startTestServer({ dispatcher });
  await jsonRequest(`${t.url}/api/flows`, 'POST', { id: 'safe', name: 'Safe' });
});
afterAll(async () => {
  await t.stop();
});

const api = (p: string) => `${t.url}/api${p}`;
const errorOf = (res: { json<T>(): T }) => ApiError.parse(res.json()).error;

async function stillServing(): Promise<void> {
  const res = await request(api('/health'));
  expect(res.status).toBe(200);
  expect(Health.parse(res.json()).ok).toBe(true);
}

describe('cross-site requests', () => {
  it('refuses a POST from another origin and starts nothing', async () => {
    const res = await jsonRequest(api('/flows/safe/runs'), 'POST', {}, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN_ORIGIN');
    expect(dispatcher.starts).toHaveLength(0);
  });

  it('refuses by Referer when there is no Origin, and refuses Origin: null', async () => {
    const byReferer = await jsonRequest(
      api('/flows'),
      'POST',
      { id: 'x1', name: 'X' },
      { referer: 'http://evil.example/page' },
    );
    expect(byReferer.status).toBe(403);
    const opaque = await request(api('/flows/safe'), { method: 'DELETE', headers: { origin: 'null' } });
    expect(opaque.status).toBe(403);
    expect(await readdir(t.flowsDir)).toEqual(['safe']);
  });

  it('refuses a foreign Host (DNS rebinding), even for reads', async () => {
    const res = await request(api('/flows'), { headers: { host: `evil.example:${t.port}` } });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN_ORIGIN');
  });

  it('accepts its own origin, under both loopback names', async () => {
    for (const origin of [`http://127.0.0.1:${t.port}`, `http://localhost:${t.port}`]) {
      const res = await jsonRequest(api('/flows/safe/runs'), 'POST', {}, { origin });
      expect(res.status).toBe(202);
    }
    const otherPort = await jsonRequest(
      api('/flows/safe/runs'),
      'POST',
      {},
      { origin: `http://localhost:${t.port + 1}` },
    );
    expect(otherPort.status).toBe(403);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const res = await request(api('/flows'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id": "a",',
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_JSON');
    await stillServing();
  });

  it('answers oversize bodies with 413', async () => {
    const huge = JSON.stringify({ flow: {}, scripts: { 'main.js': 'x'.repeat(3 * 1024 * 1024) } });
    const res = await request(api('/flows/safe'), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(res.status).toBe(413);
    expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
    const zip = await importZip(t.url, Buffer.alloc(11 * 1024 * 1024));
    expect(zip.status).toBe(413);
    await stillServing();
  });

  it('answers bad ids with 400 and unknown ones with 404', async () => {
    const bad = await request(api('/flows/has.dot'));
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('INVALID_FLOW_ID');
    expect((await request(api('/flows/..%2F..%2Fetc'))).status).toBe(400);
    expect((await request(api('/flows/nope'))).status).toBe(404);
    expect((await request(api('/runs/bad%20id'))).status).toBe(400);
    expect((await request(api('/runs/run_unknown'))).status).toBe(404);
    expect((await request(api('/events?run=run_unknown'))).status).toBe(404);
    await stillServing();
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(api('/nothing/here'));
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
  });

  it('answers a wrong content type with 415', async () => {
    const res = await request(api('/flows'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'id=x',
    });
    expect(res.status).toBe(415);
  });

  it('names the bad field', async () => {
    const res = await jsonRequest(api('/flows'), 'POST', { id: 'ok', name: '' });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain('name');
  });
});

describe('meta', () => {
  it('health shows the dispatcher and the Stripe base URL, nothing secret', async () => {
    const res = await request(api('/health'));
    expect(Health.parse(res.json())).toEqual({ ok: true, dispatcher: 'in-process', stripe: 'http://127.0.0.1:9' });
    expect(res.body.toString()).not.toMatch(/sk_/);
  });

  it('describes itself as OpenAPI 3.1 with schemas from the protocol', async () => {
    const doc = (await request(api('/openapi.json'))).json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/flows', '/api/flows/{id}/runs', '/api/events']),
    );
    expect(doc.components.schemas.PutFlowBody).toMatchObject({ type: 'object' });
  });

  it('without a built editor, / says how to build it', async () => {
    const res = await request(`${t.url}/`);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('pnpm build');
  });
});
