import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '@fireflow/engine/testkit';
import { spawnServe } from '../../testing/serve-process.ts';
import { startWorkerProcess } from '../../testing/worker-process.ts';

/** `fireflow serve --redis`, resolved once it listens; `stop` sends SIGTERM and resolves with the exit code. */
async function startServe(redisUrl: string, work: string) {
  const flags = ['--redis', redisUrl, '--flows', path.join(work, 'flows'), '--data', path.join(work, 'data')];
  const serve = await spawnServe(flags);
  return {
    url: serve.url,
    stop() {
      serve.child.kill('SIGTERM');
      return serve.exited;
    },
    kill: () => serve.child.kill('SIGKILL'),
  };
}

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json() };
}

describe('redis: the server and worker with Redis gone', () => {
  let redis: TestRedis | null = null;
  let work: string | null = null;
  afterAll(async () => {
    await redis?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('answers 503 REDIS_UNAVAILABLE instead of a wrong 404 or a hang; SIGTERM ends serve and worker within 10 s', async () => {
    redis = await startTestRedis();
    work = await mkdtemp(path.join(os.tmpdir(), 'fireflow-sigterm-'));
    await mkdir(path.join(work, 'flows', 'f'), { recursive: true });
    await writeFile(path.join(work, 'flows', 'f', 'main.js'), 'print("hello");');
    const serve = await startServe(redis.url, work);
    const worker = await startWorkerProcess({ redisUrl: redis.url, stripeBase: 'http://127.0.0.1:9' });
    try {
      expect((await json(`${serve.url}/api/health`)).body).toMatchObject({ dispatcher: 'redis', redis: 'up' });
      await redis.stop('SIGKILL');
      // The server notices when its connection drops; wait for that, not for a guessed time.
      const redisHealth = async () => ((await json(`${serve.url}/api/health`)).body as { redis?: string }).redis;
      while ((await redisHealth()) !== 'down') await new Promise((resolve) => setTimeout(resolve, 50));
      const stream = await json(`${serve.url}/api/events?run=run_unknown0000000000`);
      expect(stream).toMatchObject({ status: 503, body: { error: { code: 'REDIS_UNAVAILABLE' } } });
      const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
      const start = await json(`${serve.url}/api/flows/f/runs`, post);
      expect(start).toMatchObject({ status: 503, body: { error: { code: 'REDIS_UNAVAILABLE' } } });

      const started = performance.now();
      const [serveCode, workerCode] = await Promise.all([serve.stop(), worker.kill('SIGTERM')]);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(serveCode).toBe(0);
      expect(workerCode).toBe(0);
    } finally {
      serve.kill();
      await worker.kill('SIGKILL');
    }
  }, 60_000);
});
