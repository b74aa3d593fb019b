// Small helpers shared by the benchmark sections: child processes, ports, /proc CPU, medians.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { oneStepFlow } from '../packages/engine/src/testkit/flows.ts';
import { processCpuMs } from '../packages/engine/src/testkit/process-cpu.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIREFLOW_BIN = path.join(ROOT, 'apps/server/bin/fireflow.mjs');

export const median = (values: number[]): number =>
  values.length === 0 ? Number.NaN : [...values].sort((a, b) => a - b)[values.length >> 1]!;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export { freePort } from '../packages/engine/src/testkit/free-port.ts';

/** utime + stime of a process (all its threads), in ms. */
export const cpuMs = (pid: number): number => processCpuMs(pid).all;

/** The last line of a child's output that is a JSON object: how the bench's child scripts report. */
export function lastJsonLine<T>(output: string, script: string): T {
  const line = output
    .trim()
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith('{'));
  if (!line) throw new Error(`no result from ${script}:\n${output.slice(-2000)}`);
  return JSON.parse(line) as T;
}

const children = new Set<ChildProcess>();

export interface Child {
  proc: ChildProcess;
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** Spawns a child and remembers it so `killAll` can clean up after a failing section. */
export function startChild(cmd: string, args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(proc);
  let out = '';
  proc.stdout?.on('data', (chunk) => (out = (out + chunk).slice(-200_000)));
  proc.stderr?.on('data', (chunk) => (out = (out + chunk).slice(-200_000)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.once('exit', () => children.delete(proc));
  return {
    proc,
    pid: proc.pid!,
    output: () => out,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function killAll(): Promise<void> {
  for (const proc of children) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  children.clear();
}

/** Runs a child to completion, returning its combined output; rejects on a non-zero exit. */
export async function runChild(cmd: string, args: string[], env: Record<string, string> = {}, timeoutMs = 300_000) {
  const child = startChild(cmd, args, env);
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.proc.kill('SIGKILL'), timeoutMs);
    child.proc.once('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  if (code !== 0)
    throw new Error(`${path.basename(args.at(-1) ?? cmd)} exited ${code}:\n${child.output().slice(-2000)}`);
  return child.output();
}

export async function waitForHttp(url: string, timeoutMs = 30_000, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    if (child && child.proc.exitCode !== null) throw new Error(`process exited early:\n${child.output().slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${url}\n${child?.output().slice(-2000) ?? ''}`);
    await sleep(100);
  }
}

/**
 * Run budgets for the benches that put one run's 1,000 calls in flight at once: they measure what the engine can
 * carry, beyond the default budgets a server gives each run (1,000 executions — the entry plus 1,000 responses is
 * one more — and 100 calls in flight).
 */
export const BURST_BUDGETS = { executions: 2_000, stripeCalls: 2_000, callsInFlight: 1_000 };

/** A one-step product flow whose entry script fires `creates` calls at once: the load of the 10k-in-flight rows. */
export const burstFlow = (creates: number) =>
  oneStepFlow('product', {
    main: `for (let i = 0; i < ${creates}; i++) new_product().name("bench " + i).create_async();`,
    response: 'let id = parsed_data.id;',
    error: 'print(`failed ${parsed_error.error.type}`);',
  });
