// Child process for "10,000 Stripe calls in flight": its own process so its peak RSS is the engine's alone.
// Usage: inflight.js <stripeBase> <runs> <createsPerRun>, built by compiled.ts. Prints one JSON line.
import { createLocalDispatcher } from '@fireflow/engine';
import { MOCK_SECRET_KEY } from '@fireflow/stripe-mock';
import { BURST_BUDGETS, burstFlow } from './util.ts';
import { applyGcFlags } from '../apps/server/bin/gc-flags.mjs';

// The engine runs with the GC settings every `fireflow` process has.
applyGcFlags();

const [base, runsArg, perRunArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const perRun = Number(perRunArg ?? 1000);

const bundle = burstFlow(perRun);

const dispatcher = await createLocalDispatcher({
  stripe: { baseUrl: base!, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY }, timeoutMs: 60_000 },
  threads: 2,
  budgets: BURST_BUDGETS,
});
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

let sent = 0;
let lastSent = 0;
let firstAnswer = 0;
let lastAnswer = 0;
let responsesFinished = 0;
let lastResponseFinished = 0;
let failedRequests = 0;
const responseExecutions = new Set<string>();
dispatcher.onEvent((event) => {
  const now = performance.now();
  if (event.type === 'stripe.request.sent') {
    sent += 1;
    lastSent = now;
  } else if (event.type === 'stripe.request.succeeded') {
    if (firstAnswer === 0) firstAnswer = now;
    lastAnswer = now;
  } else if (event.type === 'stripe.request.failed') {
    failedRequests += 1;
  } else if (event.type === 'execution.queued' && event.trigger !== 'entry') {
    responseExecutions.add(event.execution_id);
  } else if (
    (event.type === 'execution.finished' || event.type === 'execution.failed') &&
    responseExecutions.has(event.execution_id)
  ) {
    responsesFinished += 1;
    lastResponseFinished = now;
  }
});

const cpu = process.cpuUsage();
const begin = performance.now();
const ids = await Promise.all(
  Array.from({ length: runs }, () => dispatcher.startRun(bundle, { flow_id: 'inflight' }).then((r) => r.run_id)),
);
const settled = await Promise.all(ids.map((id) => dispatcher.waitForSettled(id)));
const end = performance.now();
const used = process.cpuUsage(cpu);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
await dispatcher.close();
process.stdout.write(
  `${JSON.stringify({
    runs,
    per_run: perRun,
    sent,
    failed_requests: failedRequests,
    responses_finished: responsesFinished,
    failed_runs: settled.filter((s) => s.status !== 'succeeded').length,
    peak_rss_mb: Math.round(peakRss / 1048576),
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    send_ms: Math.round(lastSent - begin),
    answer_to_done_ms: Math.round(lastResponseFinished - firstAnswer),
    answers_spread_ms: Math.round(lastAnswer - firstAnswer),
    last_answer_to_done_ms: Math.round(lastResponseFinished - lastAnswer),
    total_ms: Math.round(end - begin),
    cpu_us_per_call: Math.round((used.user + used.system) / (runs * perRun)),
  })}\n`,
);
process.exit(0);
