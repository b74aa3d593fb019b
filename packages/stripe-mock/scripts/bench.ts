/**
 * A rough throughput check: runs `fireflow stripe-mock` in a child process and pushes payment-intent
 * creates at it over keep-alive connections, sequentially and concurrently (median of 3 runs), then
 * holds 10,000 concurrent requests delayed 2 s.
 *
 *   pnpm --filter @fireflow/stripe-mock exec tsx scripts/bench.ts
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { MOCK_SECRET_KEY } from '../src/constants.ts';

const entry = fileURLToPath(new URL('./serve.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', entry, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve) => {
  child.stdout.on('data', (chunk: Buffer) => {
    const found = /(http:\S+)/.exec(String(chunk))?.[1];
    if (found) resolve(found);
  });
});
const { hostname, port } = new URL(url);
const body = 'amount=2000&currency=usd&metadata[order]=42&payment_method=pm_card_visa&confirm=true';

function create(agent: Agent, extraHeaders: Record<string, string> = {}): Promise<number> {
  const headers = {
    Authorization: `Bearer ${MOCK_SECRET_KEY}`,
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': Buffer.byteLength(body),
    ...extraHeaders,
  };
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method: 'POST', path: '/v1/payment_intents', agent, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(total: number, concurrency: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) if ((await create(agent)) !== 200) throw new Error('unexpected status');
    }),
  );
  agent.destroy();
  return Math.round(total / ((performance.now() - started) / 1000));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [label, total, concurrency] of [
  ['sequential', 3000, 1],
  ['concurrent (64)', 30000, 64],
] as const) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await run(total, concurrency));
  console.log(`${label}: ${median(runs)} req/s (runs: ${runs.join(', ')})`);
}

const agent = new Agent({ keepAlive: true, maxSockets: 10_000 });
const started = performance.now();
const statuses = await Promise.all(
  Array.from({ length: 10_000 }, () => create(agent, { 'Fireflow-Mock-Latency-Ms': '2000' })),
);
console.log(
  `10,000 concurrent delayed 2 s: all ${statuses.every((s) => s === 200) ? 'succeeded' : 'NOT ok'} in ${Math.round(performance.now() - started)} ms`,
);
agent.destroy();
child.kill('SIGTERM');
