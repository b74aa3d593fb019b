// BullMQ alone, no Fireflow code: CPU per job of a queue, a no-op worker (concurrency 32) in the same process,
// and Redis, on the same kind of Redis server redis-bench uses. A Redis-mode flow is three jobs (entry execution,
// Stripe call, response execution; SPEC §6), so three times this is the least a flow costs before any of its work.
//   node --import tsx packages/engine/src/redis/bench/bullmq-alone.ts [--jobs 6000] [--like-fireflow] [--pad 1500] [--redis-scripts]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Queue, Worker } from 'bullmq';
import { connectRedis } from '../connect.ts';
import { startTestRedis } from '../integration/redis-server.ts';
import { redisCpuSeconds } from './redis-cpu.ts';
import { startScriptLog } from './redis-scripts.ts';
import { JOB_OPTIONS } from '../queues.ts';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '6000' },
    'redis-scripts': { type: 'boolean', default: false },
    /** Jobs added one at a time from 32 lanes, each with an id and Fireflow's job options, as Fireflow adds them. */
    'like-fireflow': { type: 'boolean', default: false },
    /** Bytes of padding in each job's data (a Fireflow job carries 0.1–2 KB: a Stripe answer, a call's params). */
    pad: { type: 'string', default: '0' },
  },
});
const jobs = Number(values.jobs);
const BATCH = 100;

const redis = await startTestRedis({ fsync: 'everysec' });
const connections = await Promise.all(['queue', 'worker', 'stats'].map((name) => connectRedis(redis.url, { name })));
const [queueConnection, workerConnection, stats] = connections as [
  (typeof connections)[0],
  (typeof connections)[0],
  (typeof connections)[0],
];
const queue = new Queue('alone', { connection: queueConnection });
const worker = new Worker('alone', async () => null, { connection: workerConnection, concurrency: 32 });
await worker.waitUntilReady();

/** Adds `count` jobs in batches and resolves when the worker has completed them all. */
async function pass(count: number): Promise<void> {
  let completed = 0;
  const done = new Promise<void>((resolve) => {
    const onCompleted = () => {
      completed += 1;
      if (completed < count) return;
      worker.off('completed', onCompleted);
      resolve();
    };
    worker.on('completed', onCompleted);
  });
  const pad = 'x'.repeat(Number(values.pad));
  if (values['like-fireflow']) {
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < count; i = next++) {
        await queue.add('job', { i, pad }, { jobId: `job-${randomUUID()}`, ...JOB_OPTIONS });
      }
    };
    await Promise.all(Array.from({ length: 32 }, lane));
    await done;
    return;
  }
  for (let added = 0; added < count; added += BATCH) {
    const size = Math.min(BATCH, count - added);
    await queue.addBulk(
      Array.from({ length: size }, (_, i) => ({
        name: 'job',
        data: { i: added + i, pad },
        opts: { removeOnComplete: true },
      })),
    );
  }
  await done;
}

await pass(Math.min(1000, jobs)); // warm-up
const scriptLog = values['redis-scripts'] ? await startScriptLog(stats) : null;
await scriptLog?.reset();
const redisBefore = await redisCpuSeconds(stats);
const cpuBefore = process.cpuUsage();
const begin = performance.now();
await pass(jobs);
const seconds = (performance.now() - begin) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const redisMs = ((await redisCpuSeconds(stats)) - redisBefore) * 1000;
const nodeMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(
  `${JSON.stringify({
    jobs,
    jobs_per_s: Math.round(jobs / seconds),
    node_cpu_ms_per_job: Number((nodeMs / jobs).toFixed(3)),
    redis_cpu_ms_per_job: Number((redisMs / jobs).toFixed(3)),
    cpu_ms_per_job: Number(((nodeMs + redisMs) / jobs).toFixed(3)),
  })}\n`,
);
if (scriptLog) process.stdout.write(`Redis µs/calls per job by script or command: ${await scriptLog.text(jobs)}\n`);
await worker.close();
await queue.close();
await Promise.all(connections.map((connection) => connection.quit()));
await redis.stop();
