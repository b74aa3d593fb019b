import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@fireflow/engine/testkit';

const ROOT = repoRoot(import.meta.dirname);
const FIREFLOW = path.join(ROOT, 'apps/server/bin/fireflow.mjs');

/** A real `fireflow worker` child process, as an operator would start one. */
export interface WorkerProcess {
  readonly pid: number;
  /** Everything it wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  alive(): boolean;
  kill(signal: 'SIGTERM' | 'SIGKILL'): Promise<number | null>;
}

export interface WorkerProcessOptions {
  redisUrl: string;
  stripeBase: string;
  ids?: string[];
  concurrency?: number;
  stripeRate?: number;
  threads?: number;
  env?: Record<string, string>;
  /** Node flags, e.g. `--cpu-prof` for profiling a worker. */
  nodeArgs?: string[];
}

/** Spawns `fireflow worker` and resolves once it prints that it is ready. */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const args = [FIREFLOW, 'worker', '--redis', options.redisUrl, '--stripe-base', options.stripeBase];
  args.push('--id', (options.ids ?? ['default']).join(','));
  args.push('--concurrency', String(options.concurrency ?? 16), '--threads', String(options.threads ?? 1));
  args.push('--stripe-rate', String(options.stripeRate ?? 0));
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: '', STRIPE_SECRET_KEY: '', FIREFLOW_STRIPE_RATE: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('fireflow worker ready')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`fireflow worker exited (${code}) before it was ready:\n${output}`)));
  });
  return {
    pid: child.pid as number,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
