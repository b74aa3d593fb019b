// 10,000 Stripe calls in flight: the mock (a separate process) delays every answer by 2 s; the engine
// runs in a child process of its own (bench/inflight.ts) so its peak RSS is not the bench's.
import path from 'node:path';
import { FIREFLOW_BIN, ROOT, freePort, median, runChild, startChild, waitForHttp } from '../util.ts';
import { atMost, row, type Row, type Settings } from '../types.ts';

export async function inflightSection(s: Settings): Promise<Row[]> {
  const port = await freePort();
  const mock = startChild(process.execPath, [FIREFLOW_BIN, 'stripe-mock', '--port', String(port), '--latency', '2000']);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, 30_000, mock);
    const results: Array<Record<string, number>> = [];
    for (let run = 0; run < Math.min(s.runs, 2); run += 1) {
      // ~35 s each on 2 cores
      const out = await runChild(process.execPath, [
        '--import',
        'tsx',
        path.join(ROOT, 'bench/inflight.ts'),
        `http://127.0.0.1:${port}`,
        '10',
        '1000',
      ]);
      const line = out
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{'));
      if (!line) throw new Error(`no result from inflight.ts:\n${out.slice(-2000)}`);
      const result = JSON.parse(line) as Record<string, number>;
      if (result.failed_runs || result.failed_requests)
        throw new Error(`${result.failed_runs} runs / ${result.failed_requests} requests failed`);
      results.push(result);
    }
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
