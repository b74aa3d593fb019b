// Redis mode flows/s with 1 and 2 `fireflow worker` processes: runs the project's own Redis bench
// (packages/engine/src/redis/bench/redis-bench.ts, compiled) as a child process and parses its output.
import path from 'node:path';
import { ROOT, lastJsonLine, median, runChild } from '../util.ts';
import { REDIS_MODE_GC_FLAGS } from '../../apps/server/bin/gc-flags.mjs';
import { compiled } from '../compiled.ts';
import { atLeast, atMost, row, type Row, type Settings } from '../types.ts';

const BULLMQ_ALONE = path.join(ROOT, 'packages/engine/src/redis/bench/bullmq-alone.ts');
const RUN_STORE_ALONE = path.join(ROOT, 'packages/engine/src/redis/bench/run-store-alone.ts');

/** CPU ms per job of BullMQ alone (node + Redis, and Redis's part), no Fireflow code. */
async function bullmqAlone(): Promise<{ cpu_ms_per_job: number; redis_cpu_ms_per_job: number }> {
  const out = await runChild(process.execPath, ['--import', 'tsx', BULLMQ_ALONE]);
  return lastJsonLine(out, 'bullmq-alone.ts');
}

/** Redis CPU ms per flow of Fireflow's own run bookkeeping alone, no BullMQ. */
async function runStoreAloneMs(): Promise<number> {
  const out = await runChild(process.execPath, ['--import', 'tsx', RUN_STORE_ALONE]);
  return lastJsonLine<{ redis_cpu_ms_per_flow: number }>(out, 'run-store-alone.ts').redis_cpu_ms_per_flow;
}

interface BenchRun {
  rate: number;
  cpu: string;
  totalMs: number;
  redisMs: number;
  commands: number;
}

async function flowsPerSecond(workers: number, runs: number): Promise<BenchRun> {
  // Its producer (the server's part) runs compiled and with the GC settings of `fireflow serve --redis`; the
  // workers are `fireflow worker`.
  const out = await runChild(process.execPath, [
    ...REDIS_MODE_GC_FLAGS,
    await compiled('redis-bench'),
    '--workers',
    String(workers),
    '--runs',
    String(runs),
  ]);
  const match = / (\d+) flows\/s \((\d+) failed/.exec(out);
  if (!match) throw new Error(`unexpected redis-bench output:\n${out.slice(-1500)}`);
  if (Number(match[2]) > 0) throw new Error(`${match[2]} runs failed`);
  const cpu = /CPU ms per flow: (.*)/.exec(out)?.[1] ?? '';
  const number = (pattern: RegExp, text: string) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
  return {
    rate: Number(match[1]),
    cpu,
    totalMs: number(/total ([\d.]+)/, cpu),
    redisMs: number(/Redis CPU per flow: ([\d.]+) ms/, out),
    commands: number(/Redis commands per flow: ([\d.]+)/, out),
  };
}

export async function redisSection(s: Settings): Promise<Row[]> {
  const runs = s.quick ? 1000 : 2000;
  const one: BenchRun[] = [];
  const two: BenchRun[] = [];
  // capped at 2 repetitions: each one starts Redis, the mock and worker processes (keeps the suite < 5 min)
  for (let run = 0; run < Math.min(s.runs, 2); run += 1) {
    one.push(await flowsPerSecond(1, runs));
    two.push(await flowsPerSecond(2, runs));
  }
  const of = (list: BenchRun[], key: 'rate' | 'totalMs' | 'redisMs' | 'commands') =>
    median(list.map((each) => each[key]));
  const r1 = of(one, 'rate');
  const r2 = of(two, 'rate');
  const flowMs = of(one, 'totalMs');
  const redisMs = median([...one, ...two].map((each) => each.redisMs));
  const bullmq = await bullmqAlone();
  const ownRedisMs = await runStoreAloneMs();
  const cpu = one.map((a, i) => `1w: ${a.cpu}; 2w: ${two[i]?.cpu ?? ''}`);
  return [
    // What the machine allows: a flow is three BullMQ jobs (SPEC §6), and one worker already keeps this many
    // cores busy (its own threads, Redis, the mock and the producer together).
    row('redis', 'BullMQ alone, CPU per job (node + Redis; a flow is 3 jobs)', bullmq.cpu_ms_per_job, 'ms'),
    // Redis's CPU per flow split, each part on its own: BullMQ's three jobs, and Fireflow's run bookkeeping.
    row('redis', 'Redis CPU per flow of BullMQ alone (3 jobs)', 3 * bullmq.redis_cpu_ms_per_job, 'ms'),
    row('redis', 'Redis CPU per flow of Fireflow alone (run state, events, budgets)', ownRedisMs, 'ms'),
    row('redis', 'CPU per flow, 1 worker, all processes', flowMs, 'ms', atMost(2, ' ms')),
    // Redis runs every worker's commands on one thread: its CPU per flow caps the cluster, whatever its size.
    row('redis', 'Redis CPU per flow (1 and 2 workers)', redisMs, 'ms', atMost(0.4, ' ms')),
    row('redis', 'ceiling set by Redis CPU (1000 / Redis ms per flow)', 1000 / redisMs, 'flows/s'),
    // The same work on a Redis no Node process competes with for the cores: the two parts, each measured alone.
    row(
      'redis',
      'ceiling with Redis on a core of its own (1000 / the two parts alone)',
      1000 / (3 * bullmq.redis_cpu_ms_per_job + ownRedisMs),
      'flows/s',
    ),
    row('redis', 'Redis commands per flow, 1 worker', of(one, 'commands'), 'commands'),
    row('redis', 'cores busy with 1 worker', (r1 * flowMs) / 1000, 'cores'),
    row('redis', `flows/s, 1 worker (${runs} runs)`, r1, 'flows/s', undefined, { samples: one, cpu }),
    row('redis', `flows/s, 2 workers (${runs} runs)`, r2, 'flows/s', atLeast(600), { samples: two }),
    row('redis', 'scaling 2 workers / 1 worker', r2 / r1, '×', atLeast(1.6, '×')),
  ];
}
