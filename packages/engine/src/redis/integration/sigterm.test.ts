import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from './redis-server.ts';
import { startWorkerProcess } from './worker-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const FIREFLOW = path.join(ROOT, 'apps/server/bin/fireflow.mjs');

/** `fireflow serve --redis`, resolved once it listens; `stop` sends SIGTERM and resolves with the exit code. */
async function startServe(redisUrl: string, work: string) {
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
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`fireflow serve exited (${code}) before listening:\n${output}`)));
  });
  return {
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
    kill: () => child.kill('SIGKILL'),
  };
}

describe('redis: SIGTERM with Redis gone', () => {
  let redis: TestRedis | null = null;
  let work: string | null = null;
  afterAll(async () => {
    await redis?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('fireflow serve and fireflow worker both exit 0 within 10 s', async () => {
    redis = await startTestRedis();
    work = await mkdtemp(path.join(os.tmpdir(), 'fireflow-sigterm-'));
    const serve = await startServe(redis.url, work);
    const worker = await startWorkerProcess({ redisUrl: redis.url, stripeBase: 'http://127.0.0.1:9' });
    try {
      await redis.stop('SIGKILL');
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
