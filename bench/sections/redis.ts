// Redis mode flows/s with 1 and 2 `fireflow worker` processes: runs the project's own Redis bench
// (packages/engine/src/redis/bench/redis-bench.ts) as a child process and parses its output.
import path from 'node:path';
import { ROOT, median, runChild } from '../util.ts';
import { atLeast, row, type Row, type Settings } from '../types.ts';

const SCRIPT = path.join(ROOT, 'packages/engine/src/redis/bench/redis-bench.ts');

async function flowsPerSecond(workers: number, runs: number): Promise<{ rate: number; cpu: string }> {
  const out = await runChild(process.execPath, [
    '--import',
    'tsx',
    SCRIPT,
    '--workers',
    String(workers),
    '--runs',
    String(runs),
  ]);
  const match = / (\d+) flows\/s \((\d+) failed/.exec(out);
  if (!match) throw new Error(`unexpected redis-bench output:\n${out.slice(-1500)}`);
  if (Number(match[2]) > 0) throw new Error(`${match[2]} runs failed`);
  return { rate: Number(match[1]), cpu: /CPU ms per flow: (.*)/.exec(out)?.[1] ?? '' };
}

export async function redisSection(s: Settings): Promise<Row[]> {
  const runs = s.quick ? 1000 : 2000;
  const one: number[] = [];
  const two: number[] = [];
  const cpu: string[] = [];
  // capped at 2 repetitions: each one starts Redis, the mock and worker processes (keeps the suite < 5 min)
  for (let run = 0; run < Math.min(s.runs, 2); run += 1) {
    const a = await flowsPerSecond(1, runs);
    const b = await flowsPerSecond(2, runs);
    one.push(a.rate);
    two.push(b.rate);
    cpu.push(`1w: ${a.cpu}; 2w: ${b.cpu}`);
  }
  const r1 = median(one);
  const r2 = median(two);
  return [
    row('redis', `flows/s, 1 worker (${runs} runs)`, r1, 'flows/s', undefined, { samples: one, cpu }),
    row('redis', `flows/s, 2 workers (${runs} runs)`, r2, 'flows/s', atLeast(600), { samples: two }),
    row('redis', 'scaling 2 workers / 1 worker', r2 / r1, '×', atLeast(1.6, '×')),
  ];
}
