import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startStripeMock, type StripeMock } from '@fireflow/stripe-mock';
import { startTestRedis, type TestRedis } from '@fireflow/engine/testkit';
import { spawnServe } from '../../testing/serve-process.ts';
import { startWorkerProcess, type WorkerProcess } from '../../testing/worker-process.ts';

async function startServe(redisUrl: string, work: string): Promise<{ url: string; child: ChildProcess }> {
  return spawnServe(['--redis', redisUrl, '--flows', path.join(work, 'flows'), '--data', path.join(work, 'data')]);
}

async function runs(url: string): Promise<Array<{ run_id: string; status: string }>> {
  return (await (await fetch(`${url}/api/runs?flow=slow&limit=1000`)).json()) as Array<{
    run_id: string;
    status: string;
  }>;
}

/** The flow's runs once none is `running` any more, or as they are after `ms`. */
async function runsOnceSettled(url: string, ms: number): Promise<Array<{ run_id: string; status: string }>> {
  const since = performance.now();
  let listed = await runs(url);
  while (listed.some((run) => run.status === 'running') && performance.now() - since < ms) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    listed = await runs(url);
  }
  return listed;
}

const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };

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

    const answers = await Promise.all(
      Array.from({ length: 150 }, () => fetch(`${started.url}/api/flows/slow/runs`, post)),
    );
    expect(answers.every((answer) => answer.status === 202)).toBe(true);
    await redis.stop('SIGKILL');
    await redis.start({ fresh: true });
    const restartedAt = performance.now();

    const listed = await runsOnceSettled(started.url, 75_000);
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

  it('settles the runs a restarted server still holds as going, when Redis lost them meanwhile', async () => {
    const first = await startServe((redis as TestRedis).url, work as string);
    serve?.kill('SIGKILL');
    serve = first.child;
    let indexText = '';
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${first.url}/api/flows/slow/runs`, post)),
    );
    const ids = await Promise.all(answers.map(async (answer) => ((await answer.json()) as { run_id: string }).run_id));
    // Killed only once the history on disk holds every run, as a server that ran a while would.
    const index = path.join(work as string, 'data', 'runs', 'slow', 'index.jsonl');
    while (!ids.every((id) => indexText.includes(id))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      indexText = await readFile(index, 'utf8').catch(() => '');
    }
    first.child.kill('SIGKILL');
    await redis?.stop('SIGKILL');
    await redis?.start({ fresh: true });

    const again = await startServe((redis as TestRedis).url, work as string);
    serve = again.child;
    const listed = await runsOnceSettled(again.url, 75_000);
    const ours = listed.filter((run) => ids.includes(run.run_id));
    expect(ours).toHaveLength(20);
    expect(ours.filter((run) => run.status !== 'failed')).toEqual([]);
  }, 120_000);
});
