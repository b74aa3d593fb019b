import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FIREFLOW_BIN, REPO_ROOT } from '../../testing/cli.ts';
import { createRedisDispatcher, RedisConnectError } from '@fireflow/engine';
import { freePort } from '@fireflow/engine/testkit';

function fireflowWorker(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FIREFLOW_BIN, 'worker', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, REDIS_URL: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('redis: start-up errors are clear and quick', () => {
  it('fails within a few seconds, naming the URL, when nothing listens there', async () => {
    const url = `redis://:hunter2@127.0.0.1:${await freePort()}`;
    const started = performance.now();
    const error = await createRedisDispatcher({ redisUrl: url }).catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(RedisConnectError);
    expect((error as Error).message).toMatch(/^cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: /);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('fireflow worker exits 2 without --redis or REDIS_URL, and 1 when Redis is unreachable', async () => {
    const port = await freePort();
    const [missing, unreachable, badRate] = await Promise.all([
      fireflowWorker([]),
      fireflowWorker(['--redis', `redis://127.0.0.1:${port}`, '--stripe-base', 'http://127.0.0.1:9']),
      fireflowWorker(['--redis', 'redis://127.0.0.1:1', '--stripe-rate', 'lots']),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--redis URL or REDIS_URL is required');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`cannot reach Redis at redis://127.0.0.1:${port}: connect ECONNREFUSED`);
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toContain('--stripe-rate must be a whole number');
  });
});
