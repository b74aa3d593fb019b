import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../integration/redis-server.ts';
import { repoRoot } from '../../testkit/repo-root.ts';

const FIREFLOW = path.join(repoRoot(import.meta.dirname), 'apps/server/bin/fireflow.mjs');

/** `fireflow stripe-mock` in a process of its own, so the bench can tell its CPU apart from the producer's. */
export interface MockProcess {
  readonly url: string;
  readonly pid: number;
  requests(): Promise<number>;
  close(): Promise<void>;
}

export async function startMockProcess(): Promise<MockProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [FIREFLOW, 'stripe-mock', '--port', String(port)], { stdio: 'ignore' });
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const counters = async () => (await fetch(`${url}/_mock/counters`)).json() as Promise<{ requests: number }>;
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`fireflow stripe-mock exited (${child.exitCode}) before it was ready`);
    if (
      await counters().then(
        () => true,
        () => false,
      )
    )
      break;
    if (waited > 20_000) throw new Error('fireflow stripe-mock did not answer within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid as number,
    requests: async () => (await counters()).requests,
    async close() {
      child.kill('SIGTERM');
      await exited;
      process.off('exit', reap);
    },
  };
}
