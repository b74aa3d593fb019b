import os from 'node:os';
import { Worker, type Job, type WorkerOptions } from 'bullmq';
import type { FlowBundle } from '@fireflow/protocol';
import type { Sandbox, SandboxLimits } from '../sandbox/types.ts';
import { createSandboxPool, type SandboxPool } from '../sandbox/index.ts';
import { watchPoolHealth } from '../dispatch/pool-health.ts';
import { createStripeCaller, type StripeSettings } from '../stripe/caller.ts';
import { createRedactor } from '../redact.ts';
import { DEFAULT_MAX_DEPTH } from '../dispatch/steps.ts';
import { closeRedis, connectRedis, within } from './connect.ts';
import { BULL_PREFIX, STRIPE_QUEUE_NAME, executionQueueName } from './keys.ts';
import { createLru } from './lru.ts';
import { backoffDelayMs, createQueueSet } from './queues.ts';
import { createRunStore } from './run-store.ts';
import { createBudgetStore } from './budget-store.ts';
import { executionProcessor } from './process-execution.ts';
import { stripeCallProcessor } from './process-stripe-call.ts';
import { sweepOrphans } from './orphans.ts';
import { giveUp } from './give-up.ts';
import {
  DEFAULT_SHUTDOWN_GRACE_MS,
  DEFAULT_STRIPE_RATE,
  LOCK_DURATION_MS,
  MAX_STALLED_COUNT,
  STALLED_INTERVAL_MS,
} from './settings.ts';

export interface RedisWorkerOptions {
  redisUrl: string;
  /** Worker ids whose execution queues this process serves, e.g. `['default', 'worker-1']`. */
  queues: string[];
  /** Executions running at once, per queue. */
  concurrency: number;
  stripe: StripeSettings;
  /** Sandbox worker threads (default: one per core). */
  threads?: number;
  limits?: Partial<SandboxLimits>;
  maxDepth?: number;
  /** Stripe calls per second across all workers; 0 lifts the limit. Use the same value on every worker. */
  rateLimit?: number;
  /** Stripe calls in flight at once in this process (default 64). */
  stripeConcurrency?: number;
  /** Serve the shared Stripe-call queue too (default true). */
  serveStripeCalls?: boolean;
  /** Run scripts here instead of a new pool (tests); `close()` leaves it open. */
  sandbox?: Sandbox;
  connectTimeoutMs?: number;
  /** How long `close()` lets running jobs finish before handing them back (default 6 s). */
  shutdownGraceMs?: number;
  log?: (message: string) => void;
  /** How often to look for kept jobs in no queue (default 15 s; see orphans.ts). */
  orphanCheckMs?: number;
}

export interface RedisWorkerStats {
  executions: number;
  stripeCalls: number;
}

export interface RedisWorkerHandle {
  /** Stops taking jobs, lets running ones finish (bounded), hands the rest back, closes connections. */
  close(): Promise<void>;
  /** Jobs this process finished (a retry that is still due is not finished). */
  stats(): RedisWorkerStats;
}

/** Repeats of one message (Redis down: every connection, every retry) are logged once per 5 s. */
function quietLog(log: (message: string) => void): (message: string) => void {
  let last = '';
  let lastAt = 0;
  return (message) => {
    const now = Date.now();
    if (message === last && now - lastAt < 5_000) return;
    last = message;
    lastAt = now;
    log(message);
  };
}

/** A `fireflow worker`: serves execution queues and the Stripe-call queue through BullMQ (SPEC §6). */
export async function startRedisWorker(options: RedisWorkerOptions): Promise<RedisWorkerHandle> {
  const log = quietLog(options.log ?? ((message) => process.stderr.write(`${message}\n`)));
  const timeout = options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs };
  // BullMQ on one connection; run state on another, auto-pipelined so concurrent jobs share writes.
  const connection = await connectRedis(options.redisUrl, { name: 'fireflow-worker', log, ...timeout });
  const storeConnection = await connectRedis(options.redisUrl, {
    name: 'fireflow-worker-runs',
    autoPipelining: true,
    ...timeout,
  }).catch(async (error: unknown) => {
    await closeRedis(connection);
    throw error;
  });
  const ownSandbox = options.sandbox === undefined;
  const sandbox =
    options.sandbox ??
    (await createSandboxPool(options.threads === undefined ? {} : { threads: options.threads }).catch(
      async (error: unknown) => {
        await Promise.all([closeRedis(connection), closeRedis(storeConnection)]);
        throw error;
      },
    ));
  const poolHealth = options.sandbox === undefined ? watchPoolHealth(sandbox as SandboxPool, log) : null;
  const caller = createStripeCaller(options.stripe);
  const secrets = Object.values(options.stripe.secrets).filter((value): value is string => typeof value === 'string');
  const queues = createQueueSet(connection, log);
  const context = {
    store: createRunStore(storeConnection),
    queues,
    budgets: createBudgetStore(storeConnection),
    bundles: createLru<string, FlowBundle>(256),
    redact: createRedactor(secrets),
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    log,
  };
  const stats: RedisWorkerStats = { executions: 0, stripeCalls: 0 };
  const common: WorkerOptions = {
    connection,
    prefix: BULL_PREFIX,
    name: `fireflow-${os.hostname()}-${process.pid}`,
    lockDuration: LOCK_DURATION_MS,
    stalledInterval: STALLED_INTERVAL_MS,
    maxStalledCount: MAX_STALLED_COUNT,
    settings: { backoffStrategy: backoffDelayMs },
  };
  const counted =
    (handle: (job: Job, token?: string) => Promise<void>, key: keyof RedisWorkerStats) =>
    async (job: Job, token?: string) => {
      await handle(job, token);
      stats[key] += 1;
    };

  const workers: Worker[] = [];
  const runExecution = counted(executionProcessor({ ...context, sandbox, limits: options.limits }), 'executions');
  for (const workerId of new Set(options.queues)) {
    workers.push(
      new Worker(executionQueueName(workerId), runExecution, { ...common, concurrency: options.concurrency }),
    );
  }
  if (options.serveStripeCalls !== false) {
    const rate = options.rateLimit ?? DEFAULT_STRIPE_RATE;
    workers.push(
      new Worker(STRIPE_QUEUE_NAME, counted(stripeCallProcessor({ ...context, caller }), 'stripeCalls'), {
        ...common,
        concurrency: options.stripeConcurrency ?? 64,
        ...(rate > 0 ? { limiter: { max: rate, duration: 1_000 } } : {}),
      }),
    );
  }
  for (const worker of workers) {
    worker.on('error', (error) => log(`worker ${worker.name}: ${error.message}`));
    worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) log(`job ${job.id} failed for good: ${error.message}`);
    });
  }
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  const orphans = sweepOrphans({
    client: storeConnection,
    queues,
    giveUp: (dead) => giveUp(context, dead),
    log,
    ...(options.orphanCheckMs === undefined ? {} : { intervalMs: options.orphanCheckMs }),
  });

  return {
    stats: () => ({ ...stats }),
    async close() {
      orphans.close();
      // With Redis down no job can record its outcome, so there is nothing to wait for.
      const grace = connection.status === 'ready' ? (options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS) : 0;
      const drained = Promise.all(workers.map((worker) => worker.close())).then(() => true);
      const timedOut = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), grace).unref());
      if (!(await Promise.race([drained, timedOut]))) {
        if (grace > 0) log(`jobs still running after ${grace} ms are handed back to their queues`);
        await within(Promise.all(workers.map((worker) => worker.close(true))), 1_000);
      }
      await within(queues.close(), 1_000);
      poolHealth?.close();
      if (ownSandbox) await sandbox.close();
      caller.close();
      await Promise.all([closeRedis(connection), closeRedis(storeConnection)]);
    },
  };
}
