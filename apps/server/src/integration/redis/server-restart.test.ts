import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { startTestRedis, type TestRedis } from '@fireflow/engine/testkit';
import { startWorkerProcess, type WorkerProcess } from '../../testing/worker-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const FIREFLOW = path.join(ROOT, 'apps/server/bin/fireflow.mjs');

async function startServe(redisUrl: string, work: string): Promise<{ url: string; child: ChildProcess }> {
  const args = [
    FIREFLOW,
    'serve',
    '--port',
    '0',
    '--redis',
    redisUrl,
    '--flows',
    path.join(work, 'flows'),
    '--data',
    path.join(work, 'data'),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`fireflow serve exited (${code}) before listening:\n${output}`)));
  });
  return { url, child };
}

async function runs(url: string): Promise<Array<{ run_id: string; status: string }>> {
  return (await (await fetch(`${url}/api/runs?flow=slow&limit=1000`)).json()) as Array<{
    run_id: string;
    status: string;
  }>;
}

// A real server and worker; Redis restarted without its data in the middle of 150 runs (issue 13).
describe('redis: a server whose Redis restarts without its data', () => {
  let redis: TestRedis | null = null;
  let mock: StripeMock | null = null;
  let worker: WorkerProcess | null = null;
  let serve: ChildProcess | null = null;
  let work: string | null = null;
  afterAll(async () => {
    serve?.kill('SIGKILL');
    await worker?.kill('SIGKILL');
    await mock?.close();
    await redis?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('ends with every run settled: the lost ones failed with RUN_LOST within 60 s', async () => {
    redis = await startTestRedis();
    mock = await startStripeMock({ latencyMs: 2_000 });
    work = await mkdtemp(path.join(os.tmpdir(), 'fireflow-restart-'));
    await mkdir(path.join(work, 'flows', 'slow'), { recursive: true });
    await writeFile(path.join(work, 'flows', 'slow', 'main.js'), 'new_product().name("slow").create_async();');
    const started = await startServe(redis.url, work);
    serve = started.child;
    worker = await startWorkerProcess({ redisUrl: redis.url, stripeBase: mock.url, concurrency: 32 });

    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
    const answers = await Promise.all(
      Array.from({ length: 150 }, () => fetch(`${started.url}/api/flows/slow/runs`, post)),
    );
    expect(answers.every((answer) => answer.status === 202)).toBe(true);
    await redis.stop('SIGKILL');
    await redis.start({ fresh: true });
    const restartedAt = performance.now();

    let listed = await runs(started.url);
    while (listed.some((run) => run.status === 'running') && performance.now() - restartedAt < 75_000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      listed = await runs(started.url);
    }
    expect(listed).toHaveLength(150);
    expect(listed.filter((run) => run.status === 'running')).toEqual([]);
    expect(performance.now() - restartedAt).toBeLessThan(60_000);
    const lost = listed.filter((run) => run.status === 'failed');
    expect(lost.length).toBeGreaterThan(0);
    const detail = (await (await fetch(`${started.url}/api/runs/${lost[0]?.run_id}`)).json()) as {
      events: Array<{ type: string; error?: { code: string } }>;
    };
    expect(detail.events.at(-2)?.error?.code).toBe('RUN_LOST');
    expect(detail.events.at(-1)?.type).toBe('run.settled');
  }, 120_000);
});
