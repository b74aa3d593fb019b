// Child process for the "10,000 in flight" section's floor: Node's HTTP client alone, no Fireflow dispatch, sending
// the same 10,000 create calls to the same mock over the Stripe caller's keep-alive agents (stripe/agents.ts). Its CPU per call is what any Node engine pays to make these calls, before doing anything with
// them. Usage (via tsx): http-client-alone.ts <stripeBase> <calls>. Prints one JSON line.
import http from 'node:http';
import { MOCK_SECRET_KEY } from '@fireflow/stripe-mock';
import { createAgentSet } from '../packages/engine/src/stripe/agents.ts';

const [base, callsArg] = process.argv.slice(2);
const calls = Number(callsArg ?? 10_000);
const url = new URL(base!);
const agents = createAgentSet(false);
const stamp = Date.now();

const post = (index: number) =>
  new Promise<number>((resolve, reject) => {
    const form = `name=bench+${index}`;
    const lease = agents.acquire();
    const request = http.request({
      agent: lease.agent,
      hostname: url.hostname,
      port: url.port,
      method: 'POST',
      path: '/v1/products',
      headers: {
        Authorization: `Bearer ${MOCK_SECRET_KEY}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': Buffer.byteLength(form),
        'Idempotency-Key': `alone_${stamp}_${index}`,
      },
    });
    request.on('close', lease.release);
    request.on('error', reject);
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.end(form);
  });

const cpu = process.cpuUsage();
const begin = performance.now();
const pending: Array<Promise<number>> = [];
for (let index = 0; index < calls; index += 1) pending.push(post(index));
const statuses = await Promise.all(pending);
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({
    calls,
    ok: statuses.filter((status) => status === 200).length,
    total_ms: Math.round(performance.now() - begin),
    cpu_us_per_call: Math.round((used.user + used.system) / calls),
  })}\n`,
);
process.exit(0);
