// Child process for the "10,000 in flight" section's floor: Node's HTTP client alone, no Fireflow code, sending
// the same 10,000 create calls to the same mock over new keep-alive connections (256 per agent, as the engine's
// Stripe caller does). Its CPU per call is what any Node engine pays to make these calls, before doing anything with
// them. Usage (via tsx): http-client-alone.ts <stripeBase> <calls>. Prints one JSON line.
import http from 'node:http';
import { MOCK_SECRET_KEY } from '@fireflow/stripe-mock';

const [base, callsArg] = process.argv.slice(2);
const calls = Number(callsArg ?? 10_000);
const url = new URL(base!);
const PER_AGENT = 256;
const agents: Array<{ agent: http.Agent; busy: number }> = [];
const lease = () => {
  let entry = agents.find((candidate) => candidate.busy < PER_AGENT);
  if (!entry) {
    entry = { agent: new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: PER_AGENT }), busy: 0 };
    agents.push(entry);
  }
  entry.busy += 1;
  return entry;
};
const stamp = Date.now();

const post = (index: number) =>
  new Promise<number>((resolve, reject) => {
    const form = `name=bench+${index}`;
    const entry = lease();
    const request = http.request({
      agent: entry.agent,
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
    request.on('close', () => (entry.busy -= 1));
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
