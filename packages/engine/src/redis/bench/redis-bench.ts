// Flows per second through Redis mode: N real `fireflow worker` processes, one producer, the Stripe mock.
//   npx tsx packages/engine/src/redis/bench/redis-bench.ts --workers 2 --runs 3000 [--inflight 300]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connectRedis } from '../connect.ts';
import { startStripeMock } from '@fireflow/stripe-mock';
import { oneStepFlow } from '../../testkit/flows.ts';
import { createRedisDispatcher } from '../dispatcher.ts';
import { startTestRedis } from '../integration/redis-server.ts';
import { startWorkerProcess } from '../integration/worker-process.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3000' },
    inflight: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '32' },
    threads: { type: 'string', default: '1' },
  },
});
const runs = Number(values.runs);
const inflight = Number(values.inflight);

const bundle = oneStepFlow('payment_intent', {
  main: 'new_payment_intent().amount(2000).currency("usd").customer("cus_bench").create_async();',
  response: 'print(`paid ${parsed_data.id}`);',
  error: 'print(`failed ${parsed_error.error.type}`);',
});

/** utime + stime of a process (and its threads), in seconds. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function redisCpuSeconds(): Promise<number> {
  const info = await dispatcherClient.info('cpu');
  const value = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return value('used_cpu_user') + value('used_cpu_sys');
}

const redis = await startTestRedis({ fsync: 'everysec' });
const mock = await startStripeMock();
const workers = await Promise.all(
  Array.from({ length: Number(values.workers) }, () =>
    startWorkerProcess({
      redisUrl: redis.url,
      stripeBase: mock.url,
      concurrency: Number(values.concurrency),
      threads: Number(values.threads),
    }),
  ),
);
const dispatcher = await createRedisDispatcher({ redisUrl: redis.url });
const dispatcherClient = await connectRedis(redis.url, { name: 'bench' });

/** Keeps `inflight` runs going until `count` have settled; returns flows/s over the whole batch. */
async function batch(count: number): Promise<{ perSecond: number; failed: number }> {
  let started = 0;
  let failed = 0;
  const begin = performance.now();
  const lane = async () => {
    while (started < count) {
      started += 1;
      const { run_id } = await dispatcher.startRun(bundle, { flow_id: 'bench' });
      const settled = await dispatcher.waitForSettled(run_id);
      if (settled.status !== 'succeeded') failed += 1;
    }
  };
  await Promise.all(Array.from({ length: inflight }, lane));
  return { perSecond: count / ((performance.now() - begin) / 1000), failed };
}

await batch(Math.min(500, runs)); // warm-up: JIT, sandbox threads, connections
const cpu = () => ({
  bench: process.cpuUsage(),
  workers: workers.map((worker) => cpuSeconds(worker.pid)),
  redis: redisCpuSeconds(),
});
const before = cpu();
const result = await batch(runs);
const after = cpu();
const benchCpu = (after.bench.user + after.bench.system - before.bench.user - before.bench.system) / 1e6;
const workerCpu = after.workers.map((value, index) => value - (before.workers[index] ?? 0));
process.stdout.write(
  `CPU ms per flow: producer+mock ${((benchCpu * 1000) / runs).toFixed(2)}, workers ${workerCpu
    .map((value) => ((value * 1000) / runs).toFixed(2))
    .join(' + ')}, redis ${((((await after.redis) - (await before.redis)) * 1000) / runs).toFixed(2)}\n`,
);
process.stdout.write(
  `${values.workers} worker(s), ${runs} runs, ${inflight} in flight: ${result.perSecond.toFixed(0)} flows/s` +
    ` (${result.failed} failed; mock saw ${mock.counters().requests} requests)\n`,
);
await dispatcherClient.quit();
await dispatcher.close();
await Promise.all(workers.map((worker) => worker.kill('SIGTERM')));
await mock.close();
await redis.dispose();
