import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health, RunDetail, StartRunSettled } from '@fireflow/protocol';
import { jsonRequest, request } from '../testing/http-client.ts';
import { spawnServe, type ServeProcess } from '../testing/serve-process.ts';

const FAN_OUT = 'for (let i = 0; i < 10; i++) new_product().name("fan " + i).create_async();';
const FLOWS: Record<string, Record<string, string>> = {
  // Convention flows: the response script handles every product call, its own included — a chain that grows 10× a level.
  fanout: { 'main.js': FAN_OUT, 'new_create_product_response.js': FAN_OUT },
  flood: { 'main.js': 'const s = "A".repeat(1000000); for (let i = 0; i < 1000; i++) print(s)' },
  plain: {
    'main.js': 'new_product().name("plain").create_async();',
    'new_create_product_response.js': 'print(parsed_data.id);',
  },
};

let work: string;
let serve: ServeProcess;

async function runAndWait(flowId: string) {
  const started = performance.now();
  const res = await jsonRequest(`${serve.url}/api/flows/${flowId}/runs?wait=1`, 'POST', {});
  expect(res.status).toBe(200);
  return { ...StartRunSettled.parse(res.json()), elapsed: performance.now() - started };
}

async function healthTime(): Promise<number> {
  const started = performance.now();
  const res = await request(`${serve.url}/api/health`);
  expect(res.status).toBe(200);
  const elapsed = performance.now() - started;
  // Every sandbox thread that died (runaway scripts are stopped by ending their thread) came back.
  expect(Health.parse(res.json()).sandbox_spawn_failures).toBe(0);
  return elapsed;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'fireflow-budgets-'));
  for (const [flow, files] of Object.entries(FLOWS)) {
    await mkdir(path.join(work, 'flows', flow), { recursive: true });
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(work, 'flows', flow, file), text);
  }
  serve = await spawnServe(['--flows', path.join(work, 'flows'), '--data', path.join(work, 'data')]);
});

afterAll(async () => {
  if (serve?.child.exitCode === null) {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
  await rm(work, { recursive: true, force: true });
});

describe('no flow can take the server down (in-process)', () => {
  it('stops a 10x fan-out chain with RUN_BUDGET within 30 s, while an ordinary run still completes in under 1 s', async () => {
    const fanout = runAndWait('fanout');
    const plain = await runAndWait('plain');
    expect(plain.status).toBe('succeeded');
    expect(plain.elapsed).toBeLessThan(1_000);
    const settled = await fanout;
    expect(settled.status).toBe('failed');
    expect(settled.elapsed).toBeLessThan(30_000);
    const detail = RunDetail.parse((await request(`${serve.url}/api/runs/${settled.run_id}`)).json());
    const codes = detail.events.flatMap((event) => (event.type === 'execution.failed' ? [event.error.code] : []));
    expect(codes).toContain('RUN_BUDGET');
    expect(await healthTime()).toBeLessThan(200);
  }, 60_000);

  it('keeps memory and /api/health in bounds through 50 log-flood runs, two at a time', async () => {
    let peak = 0;
    let slowestHealth = 0;
    for (let i = 0; i < 25; i += 1) {
      const pair = [runAndWait('flood'), runAndWait('flood')];
      slowestHealth = Math.max(slowestHealth, await healthTime());
      // Whether a run fails depends on which cap cuts it (the execution's or the run's); what matters is that it ends.
      for (const settled of await Promise.all(pair)) expect(['succeeded', 'failed']).toContain(settled.status);
      peak = Math.max(peak, await serve.rss());
    }
    expect(peak).toBeLessThan(600 * 1024 * 1024);
    expect(slowestHealth).toBeLessThan(200);
  }, 300_000);

  it('exits within 10 s on SIGTERM in the middle of a fan-out run', async () => {
    const res = await jsonRequest(`${serve.url}/api/flows/fanout/runs`, 'POST', {});
    expect(res.status).toBe(202);
    const started = performance.now();
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
