// End to end over HTTP: the Stripe mock and `fireflow serve` each in their own process, autocannon
// POSTing `/api/flows/product/runs?wait=1`; then SSE events/s to one client on the same server.
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIREFLOW_BIN, ROOT, cpuMs, freePort, median, startChild, waitForHttp, type Child } from '../util.ts';
import { atLeast, atMost, row, type Row, type Settings } from '../types.ts';

const require = createRequire(path.join(ROOT, 'apps/server/package.json'));
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;
interface AutocannonResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  latency: { p50: number; p99: number; average: number };
}

const LINES = 1000; // MAX_LOG_LINES per execution

interface Stack {
  base: string;
  origin: string;
  server: Child;
  mock: Child;
  dir: string;
}

async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fireflow-bench-'));
  const flows = path.join(dir, 'flows');
  mkdirSync(flows);
  cpSync(path.join(ROOT, 'flows/product'), path.join(flows, 'product'), { recursive: true });
  mkdirSync(path.join(flows, 'chatty'));
  writeFileSync(
    path.join(flows, 'chatty/flow.json'),
    JSON.stringify({
      version: 1,
      name: 'Chatty',
      entry: 'main',
      nodes: [{ id: 'main', type: 'script', file: 'main.js', position: { x: 0, y: 0 } }],
      edges: [],
    }),
  );
  writeFileSync(path.join(flows, 'chatty/main.js'), `for (let i = 0; i < ${LINES}; i++) print("line " + i);\n`);
  const mockPort = await freePort();
  const port = await freePort();
  const mock = startChild(process.execPath, [FIREFLOW_BIN, 'stripe-mock', '--port', String(mockPort)]);
  const server = startChild(process.execPath, [FIREFLOW_BIN, 'serve', '--port', String(port), '--flows', flows], {
    STRIPE_API_BASE: `http://127.0.0.1:${mockPort}`,
    FIREFLOW_DATA_DIR: path.join(dir, 'data'),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`http://127.0.0.1:${mockPort}/`, 30_000, mock);
  await waitForHttp(`${base}/api/health`, 60_000, server);
  return { base, origin: base, server, mock, dir };
}

async function stopStack(stack: Stack): Promise<void> {
  await Promise.all([stack.server.stop(), stack.mock.stop()]);
  rmSync(stack.dir, { recursive: true, force: true });
}

async function cannon(stack: Stack, connections: number, seconds: number) {
  const before = { server: cpuMs(stack.server.pid), mock: cpuMs(stack.mock.pid), self: process.cpuUsage() };
  const result = await autocannon({
    url: `${stack.base}/api/flows/product/runs?wait=1`,
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.origin },
    body: '{}',
    connections,
    duration: seconds,
    timeout: 30,
  });
  const after = { server: cpuMs(stack.server.pid), mock: cpuMs(stack.mock.pid), self: process.cpuUsage(before.self) };
  const flows = result['2xx'];
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors at ${connections} connections`);
  return {
    perSecond: flows / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    serverCpu: (after.server - before.server) / flows,
    mockCpu: (after.mock - before.mock) / flows,
    // autocannon runs in this process
    loadCpu: (after.self.user + after.self.system) / 1000 / flows,
  };
}

async function httpRows(stack: Stack, s: Settings): Promise<Row[]> {
  const seconds = s.quick ? 3 : 5;
  await cannon(stack, 10, 2); // warm-up
  const rows: Row[] = [];
  for (const connections of [1, 10, 100]) {
    try {
      const samples: Array<Awaited<ReturnType<typeof cannon>>> = [];
      for (let run = 0; run < s.runs; run += 1) samples.push(await cannon(stack, connections, seconds));
      const m = (key: keyof (typeof samples)[number]) => median(samples.map((x) => x[key]));
      const target = connections === 100 ? atLeast(2000) : connections === 10 ? atLeast(1500) : undefined;
      rows.push(row('http', `flows/s @${connections} conn`, m('perSecond'), 'flows/s', target, samples));
      rows.push(
        row('http', `p50 latency @${connections}`, m('p50'), 'ms', connections === 1 ? atMost(2, ' ms') : undefined),
      );
      rows.push(row('http', `p99 latency @${connections}`, m('p99'), 'ms'));
      rows.push(row('http', `server CPU per flow @${connections}`, m('serverCpu'), 'ms'));
      rows.push(row('http', `mock CPU per flow @${connections}`, m('mockCpu'), 'ms'));
      rows.push(row('http', `load generator CPU per flow @${connections}`, m('loadCpu'), 'ms'));
      // The CPU a flow costs at full speed: at 1 connection each process also pays for waking from idle per request.
      const total = median(samples.map((x) => x.serverCpu + x.mockCpu + x.loadCpu));
      const cpuTarget = connections === 100 ? atMost(0.8, ' ms') : undefined;
      rows.push(row('http', `CPU per flow @${connections}, all processes`, total, 'ms', cpuTarget));
    } catch (error) {
      rows.push({ section: 'http', metric: `@${connections} conn`, value: null, unit: '', error: String(error) });
    }
  }
  return rows;
}

/** Opens one SSE client on the flow, starts `runs` runs of the chatty flow, counts events until all arrived. */
async function sseOnce(stack: Stack, runs: number): Promise<{ perSecond: number; events: number }> {
  const expectedLogs = runs * LINES;
  let logs = 0;
  let events = 0;
  let first = 0;
  let last = 0;
  let request: http.ClientRequest | undefined;
  const done = new Promise<void>((resolve, reject) => {
    request = http.get(`${stack.base}/api/events?flow=chatty`, { headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        // One cut per chunk, not per frame: re-slicing the rest after every frame made this client, not the
        // server, the bottleneck (and the server cuts off a client that falls 8 MB behind).
        let start = 0;
        let end: number;
        for (; (end = buffer.indexOf('\n\n', start)) !== -1; start = end + 2) {
          const frame = buffer.slice(start, end);
          const type = /^event: ?(.*)$/m.exec(frame)?.[1];
          if (!type || !frame.includes('data:') || type === 'heartbeat') continue;
          const now = performance.now();
          if (first === 0) first = now;
          last = now;
          events += 1;
          if (type === 'execution.log') logs += 1;
          if (logs >= expectedLogs) resolve();
        }
        buffer = buffer.slice(start);
      });
      res.on('error', reject);
    });
    request.on('error', reject);
  });
  await new Promise((r) => setTimeout(r, 200)); // let the subscription register
  const timer = setTimeout(() => request?.destroy(new Error('SSE timed out')), 60_000);
  try {
    await Promise.all(
      Array.from({ length: runs }, async () => {
        const response = await fetch(`${stack.base}/api/flows/chatty/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: stack.origin },
          body: '{}',
        });
        if (response.status !== 202) throw new Error(`POST runs answered ${response.status}: ${await response.text()}`);
      }),
    );
    await done;
  } finally {
    clearTimeout(timer);
    request?.destroy();
  }
  return { perSecond: events / ((last - first) / 1000), events };
}

async function sseRows(stack: Stack, s: Settings): Promise<Row[]> {
  const runs = s.quick ? 10 : 30;
  await sseOnce(stack, 2); // warm-up
  const samples = [];
  for (let run = 0; run < s.runs; run += 1) samples.push(await sseOnce(stack, runs));
  return [
    row(
      'sse',
      `events/s to one client (${runs} runs × ${LINES} lines)`,
      median(samples.map((x) => x.perSecond)),
      'events/s',
      atLeast(20000),
      samples,
    ),
  ];
}

export async function httpAndSseSections(s: Settings): Promise<Row[]> {
  const stack = await startStack();
  try {
    const rows = await httpRows(stack, s);
    try {
      rows.push(...(await sseRows(stack, s)));
    } catch (error) {
      rows.push({ section: 'sse', metric: 'events/s to one client', value: null, unit: '', error: String(error) });
    }
    return rows;
  } finally {
    await stopStack(stack);
  }
}
