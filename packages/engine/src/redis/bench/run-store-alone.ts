// Fireflow's own Redis work for one flow, no BullMQ: the run-store and budget calls a payment-intent flow makes
// (start; entry execution: output admitted, completed with its call; the call: slot, dispatch admitted, completed
// with the response execution; the response: output admitted, completed and settled), 100 flows at a time on one
// auto-pipelined connection, on the same kind of Redis server redis-bench uses. With bullmq-alone.ts (three jobs per
// flow) it splits Redis's CPU per flow between BullMQ and Fireflow.
//   node --import tsx packages/engine/src/redis/bench/run-store-alone.ts [--flows 3000]
import { parseArgs } from 'node:util';
import type { RunCounts } from '@fireflow/protocol';
import { DEFAULT_RUN_BUDGETS } from '../../dispatch/budgets.ts';
import { oneStepFlow } from '../../testkit/flows.ts';
import { budgetFields, createBudgetStore } from '../budget-store.ts';
import { connectRedis } from '../connect.ts';
import { startTestRedis } from '../integration/redis-server.ts';
import { createRunStore } from '../run-store.ts';
import { followUpUnit, type FollowUpJob } from '../follow-ups.ts';
import { followUp } from '../../dispatch/steps.ts';
import { stripeCallJob } from '../../testkit/stripe-job.ts';
import { redisCpuSeconds } from './redis-cpu.ts';

const { values } = parseArgs({ options: { flows: { type: 'string', default: '3000' } } });
const flows = Number(values.flows);
const bundle = oneStepFlow('payment_intent', { main: 'x();', response: 'print(1);', error: 'print(2);' });
const redis = await startTestRedis({ fsync: 'everysec' });
const client = await connectRedis(redis.url, { name: 'run-store-alone', autoPipelining: true });
const store = createRunStore(client);
const budgets = createBudgetStore(client);
const budget = budgetFields(DEFAULT_RUN_BUDGETS);

/** An event about the size of a flow's events (its input or answer recorded). */
const event = (type: string) =>
  JSON.stringify({ type, ts: Date.now(), run_id: 'run', context_id: 'run', detail: 'x'.repeat(300) });
const counts = (executions: number, calls: number): RunCounts => ({
  executions,
  failed_executions: 0,
  stripe_calls: calls,
  stripe_failures: 0,
});

/** The flow's two follow-ups as its run keeps them: the call, and its response execution with Stripe's answer. */
function followUpsOf(runId: string): [FollowUpJob, FollowUpJob] {
  const call = stripeCallJob({ amount: 2000, currency: 'usd' });
  const job = {
    ...call,
    run_id: runId,
    request_id: `req_${runId}`,
    node_id: 'stripe',
    kind: 'payment_intent' as const,
  };
  const answer = JSON.stringify({ id: 'pi_1', object: 'payment_intent', detail: 'x'.repeat(1500) });
  const next = followUp(job, { kind: 'final', port: 'response', payload: answer }, bundle, 64);
  if (next.kind !== 'job') throw new Error('the bench flow has no response script');
  return [
    { kind: 'call', job },
    { kind: 'execution', job: next.job },
  ];
}

async function flow(runId: string): Promise<void> {
  const [callJob, responseJob] = followUpsOf(runId);
  const [entry, call, response] = ['x/entry', followUpUnit(callJob), followUpUnit(responseJob)];
  const events = [event('run.started'), event('execution.queued')];
  await store.start({
    runId,
    flowId: 'f',
    contextId: runId,
    bundle,
    startedAt: Date.now(),
    unit: entry,
    events,
    budget,
  });
  const gate = budgets.gate(runId);
  await gate.admitOutput('entry', 0, 1);
  const entryEvents = [event('execution.started'), event('execution.finished'), event('stripe.request.queued')];
  await store.complete(runId, entry, { events: entryEvents, deltas: counts(1, 0), followUps: [callJob] });
  await budgets.acquireSlot(runId, call);
  const callEvents = [event('stripe.request.sent'), event('stripe.request.succeeded'), event('execution.queued')];
  const admitted = { events: callEvents, deltas: counts(0, 1), followUps: [responseJob], admit: 'response' };
  await store.complete(runId, call, admitted);
  await gate.admitOutput('response', 20, 0);
  const last = [event('execution.started'), event('execution.log'), event('execution.finished')];
  const { settled } = await store.complete(runId, response, { events: last, deltas: counts(1, 0), followUps: [] });
  if (!settled) throw new Error(`run ${runId} did not settle`);
}

async function pass(count: number, prefix: string): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await flow(`${prefix}${(next += 1)}`);
  };
  await Promise.all(Array.from({ length: 100 }, lane));
}

await pass(500, 'warm'); // warm-up
const before = await redisCpuSeconds(client);
await pass(flows, 'run');
const redisMs = ((await redisCpuSeconds(client)) - before) * 1000;
process.stdout.write(`${JSON.stringify({ flows, redis_cpu_ms_per_flow: Number((redisMs / flows).toFixed(3)) })}\n`);
await client.quit();
await redis.stop(); // SIGTERM: Redis exits on its own (a profiler wrapped around it writes its output)
await redis.dispose();
