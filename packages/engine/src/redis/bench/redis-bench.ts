// Flows per second through Redis mode: N real `fireflow worker` processes, one producer, the Stripe mock in a process
// of its own, and CPU per flow of each, since on a shared machine that, not wall time, is what compares (docs/redis.md).
//   node --import tsx packages/engine/src/redis/bench/redis-bench.ts --workers 2 --runs 3000 [--inflight 300]
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { connectRedis } from '../connect.ts';
import { oneStepFlow } from '../../testkit/flows.ts';
import { createRedisDispatcher } from '../dispatcher.ts';
import { startTestRedis } from '../integration/redis-server.ts';
// The bench starts real `fireflow worker` processes, with the helper of apps/server's integration tests.
import { startWorkerProcess } from '../../../../../apps/server/src/testing/worker-process.ts';
import { startMockProcess } from './mock-process.ts';
import { redisCpu } from './redis-cpu.ts';
import { startScriptLog } from './redis-scripts.ts';
import { processCpuMs } from '../../testkit/process-cpu.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3000' },
    /**
     * Runs that settle before the measured ones. 500 left the JIT at work in the window: the mock's CPU per request
     * read twice its steady state, and all processes together 0.3–0.6 ms per flow more over 2,000 measured runs than
     * over 8,000.
     */
    'warm-up': { type: 'string', default: '2000' },
    inflight: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '32' },
    threads: { type: 'string', default: '1' },
    /** Writes a `--cpu-prof` profile of every worker process into this folder. */
    'worker-prof': { type: 'string' },
    /** Extra node flags for the worker processes, space-separated (e.g. "--max-semi-space-size=32"). */
    'worker-node-args': { type: 'string', default: '' },
    /** Break Redis down by time spent per command (µs per flow) rather than by calls. */
    'redis-usec': { type: 'boolean', default: false },
    /** Also break Redis time down by Lua script (BullMQ's and Fireflow's), from the slow log. */
    'redis-scripts': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const inflight = Number(values.inflight);

const bundle = oneStepFlow('payment_intent', {
  main: 'new_payment_intent().amount(2000).currency("usd").customer("cus_bench").create_async();',
  response: 'print(`paid ${parsed_data.id}`);',
  error: 'print(`failed ${parsed_error.error.type}`);',
});

/** A process's CPU in seconds: its main (event-loop) thread, and all its threads together. */
function cpuSeconds(pid: number): { main: number; all: number } {
  const { main, all } = processCpuMs(pid);
  return { main: main / 1000, all: all / 1000 };
}

/** Redis calls per command name, from `INFO commandstats` (with `--redis-usec`: microseconds spent instead). */
async function redisCalls(): Promise<Map<string, number>> {
  const info = await dispatcherClient.info('commandstats');
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/cmdstat_([^:]+):calls=(\d+),usec=(\d+)/g)) {
    calls.set(match[1] ?? '', Number(values['redis-usec'] ? match[3] : match[2]));
  }
  return calls;
}

/** Redis's traffic counters (`INFO stats`): bytes in and out, and socket reads (≈ request batches served). */
async function redisTraffic(): Promise<{ in: number; out: number; reads: number }> {
  const info = await dispatcherClient.info('stats');
  const value = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1] ?? 0);
  return {
    in: value('total_net_input_bytes'),
    out: value('total_net_output_bytes'),
    reads: value('total_reads_processed'),
  };
}

const redis = await startTestRedis({ fsync: 'everysec' });
const mock = await startMockProcess();
const workers = await Promise.all(
  Array.from({ length: Number(values.workers) }, () =>
    startWorkerProcess({
      redisUrl: redis.url,
      stripeBase: mock.url,
      concurrency: Number(values.concurrency),
      threads: Number(values.threads),
      nodeArgs: [
        ...values['worker-node-args'].split(' ').filter((flag) => flag !== ''),
        ...(values['worker-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['worker-prof']] : []),
      ],
    }),
  ),
);
const dispatcher = await createRedisDispatcher({ redisUrl: redis.url });
const dispatcherClient = await connectRedis(redis.url, { name: 'bench' });

const cpu = () => ({
  bench: process.cpuUsage(),
  mock: cpuSeconds(mock.pid).all,
  workers: workers.map((worker) => cpuSeconds(worker.pid)),
  redis: redisCpu(dispatcherClient),
  calls: redisCalls(),
  traffic: redisTraffic(),
});
type Snapshot = ReturnType<typeof cpu>;

/**
 * Keeps `inflight` runs going throughout: `warmUp` runs settle first (JIT, sandbox threads, connections), then the
 * next `count` are measured, from the moment the warm-up's last run settles to the moment the measured runs' last
 * one does, while new runs keep the window full — a steady state at `inflight` runs in flight, as the HTTP bench
 * measures at a fixed number of connections. The runs still going at the end are left to settle, unmeasured.
 */
async function measure(
  warmUp: number,
  count: number,
): Promise<{ perSecond: number; failed: number; before: Snapshot; after: Snapshot }> {
  let started = 0;
  let settled = 0;
  let failed = 0;
  let begin = 0;
  let before: Snapshot | null = null;
  let after: Snapshot | null = null;
  let end = 0;
  const onSettled = async () => {
    settled += 1;
    if (settled === warmUp) {
      await scriptLog?.reset();
      before = cpu();
      begin = performance.now();
    } else if (settled === warmUp + count) {
      after = cpu();
      end = performance.now();
    }
  };
  const lane = async () => {
    while (started < warmUp + count + inflight) {
      started += 1;
      const { run_id } = await dispatcher.startRun(bundle, { flow_id: 'bench' });
      const result = await dispatcher.waitForSettled(run_id);
      if (result.status !== 'succeeded') failed += 1;
      await onSettled();
    }
  };
  await Promise.all(Array.from({ length: inflight }, lane));
  if (!before || !after) throw new Error('the measured window never closed');
  return { perSecond: count / ((end - begin) / 1000), failed, before, after };
}

const scriptLog = values['redis-scripts'] ? await startScriptLog(dispatcherClient) : null;
const { before, after, ...result } = await measure(Number(values['warm-up']), runs);
const perFlowMs = (seconds: number) => (seconds * 1000) / runs;
const producerMs = perFlowMs((after.bench.user + after.bench.system - before.bench.user - before.bench.system) / 1e6);
const mockMs = perFlowMs(after.mock - before.mock);
const workerMs = after.workers.map((value, index) => {
  const was = before.workers[index] ?? { main: 0, all: 0 };
  return { all: perFlowMs(value.all - was.all), main: perFlowMs(value.main - was.main) };
});
const [redisBefore, redisAfter] = [await before.redis, await after.redis];
const redisMs = perFlowMs(redisAfter.all - redisBefore.all);
const redisSysMs = perFlowMs(redisAfter.sys - redisBefore.sys);
const totalMs = producerMs + mockMs + redisMs + workerMs.reduce((sum, each) => sum + each.all, 0);
const workerText = workerMs.map((each) => `${each.all.toFixed(2)} (event loop ${each.main.toFixed(2)})`).join(' + ');
process.stdout.write(
  `CPU ms per flow: producer ${producerMs.toFixed(2)}, mock ${mockMs.toFixed(2)}, workers ${workerText},` +
    ` redis ${redisMs.toFixed(2)} (system ${redisSysMs.toFixed(2)}); total ${totalMs.toFixed(2)} (≤ ${Math.round((availableParallelism() * 1000) / totalMs)} flows/s on ${availableParallelism()} cores)\n`,
);
// Redis runs commands on one thread for every worker: its CPU per flow bounds the flows per second of the cluster.
process.stdout.write(
  `Redis CPU per flow: ${redisMs.toFixed(3)} ms, a ceiling of ${Math.round(1000 / redisMs)} flows/s however many workers\n`,
);
const [callsBefore, callsAfter] = [await before.calls, await after.calls];
const perFlow = [...callsAfter]
  .map(([name, count]) => [name, (count - (callsBefore.get(name) ?? 0)) / runs] as const)
  .filter(([, count]) => count >= 0.05)
  .sort((a, b) => b[1] - a[1]);
const total = perFlow.reduce((sum, [, count]) => sum + count, 0);
process.stdout.write(
  `Redis ${values['redis-usec'] ? 'µs' : 'commands'} per flow: ${total.toFixed(1)} (${perFlow.map(([name, count]) => `${name} ${count.toFixed(1)}`).join(', ')})\n`,
);
const [trafficBefore, trafficAfter] = [await before.traffic, await after.traffic];
const perFlowOf = (name: 'in' | 'out' | 'reads') => ((trafficAfter[name] - trafficBefore[name]) / runs).toFixed(0);
process.stdout.write(
  `Redis traffic per flow: ${perFlowOf('in')} bytes in, ${perFlowOf('out')} bytes out, ${perFlowOf('reads')} socket reads\n`,
);
if (scriptLog) process.stdout.write(`Redis µs/calls per flow by script or command: ${await scriptLog.text(runs)}\n`);
process.stdout.write(
  `${values.workers} worker(s), ${runs} runs, ${inflight} in flight: ${result.perSecond.toFixed(0)} flows/s` +
    ` (${result.failed} failed; mock saw ${await mock.requests()} requests)\n`,
);
await dispatcherClient.quit();
await dispatcher.close();
await Promise.all(workers.map((worker) => worker.kill('SIGTERM')));
await mock.close();
await redis.stop(); // SIGTERM: Redis exits on its own (a profiler wrapped around it writes its output)
await redis.dispose();
