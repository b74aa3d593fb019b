import {
  RedisConnectError,
  StripeRateError,
  describeRedisUrl,
  resolveStripeRate,
  startRedisWorker,
  type RedisWorkerHandle,
} from '@fireflow/engine';
import { ConfigError, resolveConfig } from '../config.ts';
import { startStripeTarget, type StripeTarget } from '../stripe-target.ts';
import { UsageError, parseCommandArgs } from './args.ts';

const OPTIONS = {
  redis: { type: 'string' },
  id: { type: 'string' },
  concurrency: { type: 'string' },
  threads: { type: 'string' },
  'stripe-base': { type: 'string' },
  'stripe-rate': { type: 'string' },
} as const;

const USAGE =
  'usage: fireflow worker --redis URL [--id default,worker-1] [--concurrency N] [--threads N] [--stripe-base URL] [--stripe-rate N]';

function positiveInteger(value: string | undefined, name: string, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`${name} must be a whole number ≥ 1, got "${value}"`);
  return number;
}

function parseQueues(value: string | undefined): string[] {
  const ids = (value ?? 'default').split(',').map((id) => id.trim());
  if (ids.some((id) => id === '')) throw new UsageError(`--id must be worker ids separated by commas, got "${value}"`);
  return ids;
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/** `fireflow worker`: serves the named queues until SIGTERM/SIGINT, then drains (bounded) and exits 0 (SPEC §6, §7). */
export async function workerCommand(argv: string[]): Promise<number> {
  let settings;
  try {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (positionals.length > 0) throw new UsageError(USAGE);
    const config = resolveConfig(process.env, { redis: values.redis, 'stripe-base': values['stripe-base'] });
    if (!config.redisUrl) throw new UsageError(`--redis URL or REDIS_URL is required\n${USAGE}`);
    settings = {
      config,
      redisUrl: config.redisUrl,
      queues: parseQueues(values.id),
      concurrency: positiveInteger(values.concurrency, '--concurrency', 16) as number,
      threads: positiveInteger(values.threads, '--threads', undefined),
      rate: resolveStripeRate(values['stripe-rate'], process.env.FIREFLOW_STRIPE_RATE),
    };
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof StripeRateError) {
      process.stderr.write(`fireflow worker: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const signal = waitForSignal();
  let target: StripeTarget | null = null;
  let worker: RedisWorkerHandle | null = null;
  // Starting waits on Redis, which may be gone: a signal then ends the process rather than waiting with it.
  void signal.then((received) => {
    if (worker) return;
    process.stderr.write(`fireflow worker: ${received} before the worker was ready; exiting\n`);
    process.exit(1);
  });
  try {
    target = await startStripeTarget(settings.config);
    worker = await startRedisWorker({
      redisUrl: settings.redisUrl,
      queues: settings.queues,
      concurrency: settings.concurrency,
      stripe: target.settings,
      rateLimit: settings.rate,
      ...(settings.threads === undefined ? {} : { threads: settings.threads }),
      log: (message) => process.stderr.write(`fireflow worker: ${message}\n`),
    });
    const rate = settings.rate === 0 ? 'no Stripe rate limit' : `Stripe calls ≤ ${settings.rate}/s across all workers`;
    process.stdout.write(
      `fireflow worker ready: queues ${settings.queues.join(',')} · concurrency ${settings.concurrency} · ${rate}\n` +
        `  Redis: ${describeRedisUrl(settings.redisUrl)}\n  Stripe: ${target.description}\n`,
    );
    const received = await signal;
    process.stderr.write(`fireflow worker: ${received}: finishing running jobs (up to 6 s), then exiting\n`);
    await worker.close();
    const stats = worker.stats();
    process.stderr.write(
      `fireflow worker: stopped after ${stats.executions} executions and ${stats.stripeCalls} Stripe calls\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof RedisConnectError) {
      process.stderr.write(`fireflow worker: ${error.message}\n`);
      return error.reason === 'bad_url' ? 2 : 1;
    }
    throw error;
  } finally {
    await target?.close();
  }
}
