// 10,000 Stripe calls in flight: the mock (a separate process) delays every answer by 2 s; the engine runs in a
// child process of its own (bench/inflight.ts, compiled as the server is) so its peak RSS is not the bench's.
import path from 'node:path';
import { FIREFLOW_BIN, ROOT, freePort, lastJsonLine, median, runChild, startChild, waitForHttp } from '../util.ts';
import { atMost, row, type Row, type Settings } from '../types.ts';
import { compiled } from '../compiled.ts';

const LATENCY_MS = 2000;

/** CPU µs per call of Node's HTTP client alone sending the same 10,000 calls (bench/http-client-alone.ts). */
async function clientAloneMicros(port: number, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const script = path.join(ROOT, 'bench/http-client-alone.ts');
    const base = `http://127.0.0.1:${port}`;
    const out = await runChild(process.execPath, ['--import', 'tsx', script, base, '10000']);
    const result = lastJsonLine<{ ok: number; cpu_us_per_call: number }>(out, 'http-client-alone.ts');
    if (result.ok !== 10_000) throw new Error(`http-client-alone.ts: ${out.slice(-500)}`);
    samples.push(result.cpu_us_per_call);
  }
  return median(samples);
}

export async function inflightSection(s: Settings): Promise<Row[]> {
  const port = await freePort();
  const mock = startChild(process.execPath, [
    FIREFLOW_BIN,
    'stripe-mock',
    '--port',
    String(port),
    '--latency',
    String(LATENCY_MS),
  ]);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, 30_000, mock);
    const engine = await compiled('inflight');
    const results: Array<Record<string, number>> = [];
    for (let run = 0; run < Math.min(s.runs, 2); run += 1) {
      // ~35 s each on 2 cores
      const out = await runChild(process.execPath, [engine, `http://127.0.0.1:${port}`, '10', '1000']);
      const result = lastJsonLine<Record<string, number>>(out, 'inflight.ts');
      if (result.failed_runs || result.failed_requests)
        throw new Error(`${result.failed_runs} runs / ${result.failed_requests} requests failed`);
      results.push(result);
    }
    const alone = await clientAloneMicros(port, Math.min(s.runs, 2));
    const m = (key: string) => median(results.map((r) => r[key]!));
    return [
      row(
        '10k in flight',
        'peak RSS of engine process (10 runs × 1,000)',
        m('max_rss_mb'),
        'MB',
        atMost(400, ' MB'),
        results,
      ),
      row('10k in flight', 'time to send all 10,000', m('send_ms'), 'ms'),
      // What the machine allows: all threads of the engine process per call (its two executions included), and
      // Node's HTTP client alone making the same calls.
      row('10k in flight', 'engine CPU per call, all threads (2 executions + call)', m('cpu_us_per_call'), 'µs'),
      row('10k in flight', "Node's HTTP client alone, CPU per call (no Fireflow)", alone, 'µs'),
      row(
        '10k in flight',
        'first answer → all responses finished',
        m('answer_to_done_ms') / 1000,
        's',
        atMost(4, ' s'),
      ),
      // The mock answers over as long as sending took, so this shows how far behind the answers dispatch ran.
      row('10k in flight', 'last answer → all responses finished', m('last_answer_to_done_ms') / 1000, 's'),
      row('10k in flight', 'start → all runs settled (incl. 2 s delay)', m('total_ms') / 1000, 's'),
    ];
  } finally {
    await mock.stop();
  }
}
