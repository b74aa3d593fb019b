import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Health } from '@fireflow/protocol';
import { request } from '../testing/http-client.ts';

const BIN = fileURLToPath(new URL('../../bin/fireflow.mjs', import.meta.url));
let child: ChildProcess | null = null;
let work: string | null = null;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
  if (work) await rm(work, { recursive: true, force: true });
  work = null;
});

describe('fireflow serve', () => {
  it('says which Stripe and dispatcher it uses and where it listens, and stops cleanly on SIGTERM', async () => {
    work = await mkdtemp(path.join(tmpdir(), 'fireflow-serve-'));
    const env = { ...process.env, STRIPE_SECRET_KEY: '', STRIPE_API_BASE: '', REDIS_URL: '', PORT: '', HOST: '' };
    const proc = spawn(
      process.execPath,
      [BIN, 'serve', '--port', '0', '--flows', path.join(work, 'flows'), '--data', path.join(work, 'data')],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = proc;
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1] as string);
      });
      proc.once('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${out}`)));
    });
    expect(out).toMatch(/Stripe: built-in Stripe mock at http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('Dispatcher: in-process');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const health = Health.parse((await request(`${url}/api/health`)).json());
    expect(health.dispatcher).toBe('in-process');
    expect(health.stripe).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
