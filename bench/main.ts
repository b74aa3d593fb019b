// The Fireflow benchmark suite (`pnpm bench [--quick] [--json] [--only a,b]`). Each section reuses the
// project's own pieces (sandbox bench, local dispatcher, CLI processes, Redis bench) and reports medians.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { ROOT, killAll } from './util.ts';
import { sandboxSection, createAsyncLatencySection, dispatchLatencySection } from './sections/in-process.ts';
import { httpAndSseSections } from './sections/http.ts';
import { inflightSection } from './sections/inflight.ts';
import { redisSection } from './sections/redis.ts';
import type { Row, Settings } from './types.ts';

const SECTIONS: Record<string, (s: Settings) => Promise<Row[]>> = {
  sandbox: sandboxSection,
  create_async: createAsyncLatencySection,
  http: httpAndSseSections,
  dispatch: dispatchLatencySection,
  inflight: inflightSection,
  redis: redisSection,
};

function fmt(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '-';
  if (Math.abs(value) >= 100) return String(Math.round(value));
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function renderTable(rows: Row[]): string {
  const header = ['section', 'metric', 'result', 'unit', 'target', 'status'];
  const body = rows.map((r) => [
    r.section,
    r.metric,
    r.error ? 'ERROR' : fmt(r.value),
    r.unit,
    r.target ?? '',
    r.error ? 'ERROR' : r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      runs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`Usage: pnpm bench [--quick] [--json] [--runs N] [--only ${Object.keys(SECTIONS).join(',')}]`);
    return 0;
  }
  const quick = values.quick ?? false;
  const settings: Settings = { quick, runs: Number(values.runs ?? (quick ? 1 : 3)) };
  const only = values.only?.split(',').map((s) => s.trim());
  const rows: Row[] = [];
  const started = Date.now();
  const onSignal = () => void killAll().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  for (const [name, section] of Object.entries(SECTIONS)) {
    if (only && !only.includes(name)) continue;
    const t0 = Date.now();
    process.stderr.write(`» ${name} …\n`);
    try {
      const got = await section(settings);
      rows.push(...got);
      for (const row of got) if (row.error) process.stderr.write(`  ${row.section} ${row.metric}: ${row.error}\n`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`  ${name} failed: ${message}\n`);
      rows.push({ section: name, metric: '(section failed)', value: null, unit: '', error: message.split('\n')[0] });
    } finally {
      await killAll();
    }
    process.stderr.write(`  ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `\nFireflow benchmarks (${quick ? 'quick' : 'full'}, median of ${settings.runs} run(s); ${cpus().length} cores, Node ${process.version}; ${seconds.toFixed(0)} s)\n`,
  );
  console.log(renderTable(rows));
  if (values.json) {
    const dir = path.join(ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'latest.json');
    writeFileSync(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), quick, runs: settings.runs, cores: cpus().length, node: process.version, seconds, rows }, null, 2)}\n`,
    );
    console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  }
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  return 0;
}
