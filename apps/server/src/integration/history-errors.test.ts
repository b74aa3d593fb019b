import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, StartRunSettled } from '@fireflow/protocol';
import { startTestServer, type TestServer } from '../testing/harness.ts';
import { FakeDispatcher } from '../testing/fake-dispatcher.ts';
import { jsonRequest, request } from '../testing/http-client.ts';

let t: TestServer | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

describe('run history that cannot be read', () => {
  it('answers 500 HISTORY_UNREADABLE for the run, not a run without events', async () => {
    t = await startTestServer({ dispatcher: new FakeDispatcher() });
    await jsonRequest(`${t.url}/api/flows`, 'POST', { id: 'f', name: 'F' });
    const settled = StartRunSettled.parse((await jsonRequest(`${t.url}/api/flows/f/runs?wait=1`, 'POST', {})).json());
    // Stopped, the file taken away, started again on the same folders: the index still names the run.
    const { flowsDir, dataDir } = t;
    await t.stop({ keepDirs: true });
    await unlink(path.join(dataDir, 'runs', 'f', 'seg-0.jsonl'));
    t = await startTestServer({ dispatcher: new FakeDispatcher(), flowsDir, dataDir });

    const detail = await request(`${t.url}/api/runs/${settled.run_id}`);
    expect(detail.status).toBe(500);
    expect(ApiError.parse(detail.json()).error.code).toBe('HISTORY_UNREADABLE');
    const stream = await request(`${t.url}/api/events?run=${settled.run_id}`);
    expect(stream.status).toBe(500);
    expect(ApiError.parse(stream.json()).error.code).toBe('HISTORY_UNREADABLE');
  });
});
