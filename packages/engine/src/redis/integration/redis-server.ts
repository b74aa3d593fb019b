import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../testkit/free-port.ts';

/** A throwaway `redis-server` for one test file: its own port and data dir, append-only so a restart keeps data. */
export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM flushes the append-only file; SIGKILL does not). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same port with the same data dir; `fresh`: with its data gone (no persistence). */
  start(options?: { fresh?: boolean }): Promise<void>;
  /** Stops it for good and removes its data dir. */
  dispose(): Promise<void>;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${output}`)));
  });
}

export interface TestRedisOptions {
  /** `always` (default) so even a SIGKILL of Redis loses nothing it acknowledged; `everysec` for benchmarks. */
  fsync?: 'always' | 'everysec';
}

export async function startTestRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fireflow-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;

  async function start(startOptions: { fresh?: boolean } = {}): Promise<void> {
    if (startOptions.fresh) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    }
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes'];
    args.push('--appendfsync', options.fsync ?? 'always', '--dir', dir, '--loglevel', 'notice');
    const spawned = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = spawned;
    // A test process that dies without its afterAll must not leave Redis behind.
    const reap = () => spawned.kill('SIGKILL');
    process.once('exit', reap);
    spawned.once('exit', () => process.off('exit', reap));
    await waitForLine(spawned, /Ready to accept connections/, 'redis-server');
  }

  async function stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async dispose() {
      await stop('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export { freePort };
