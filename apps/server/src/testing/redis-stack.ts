import {
  createRedisDispatcher,
  startRedisWorker,
  type Dispatcher,
  type RedisDispatcherOptions,
  type RedisWorkerHandle,
  type RedisWorkerOptions,
} from '@fireflow/engine';
import { startTestRedis, type TestRedis } from '@fireflow/engine/testkit';
import { MOCK_SECRET_KEY, startStripeMock, type StripeMock, type StripeMockOptions } from '@fireflow/stripe-mock';

/** A Redis of its own, the Stripe mock, worker processes' worth of `startRedisWorker`, and dispatchers on them. */
export interface RedisStack {
  redis: TestRedis;
  mock: StripeMock;
  workers: RedisWorkerHandle[];
  dispatchers: Dispatcher[];
  /** Closes the dispatchers, then the workers, the mock and Redis. */
  close(): Promise<void>;
}

export interface RedisStackOptions {
  mock?: StripeMockOptions;
  /** Settings every worker gets (default: the `default` queue, concurrency 8, one sandbox thread, no rate limit). */
  worker?: Partial<Omit<RedisWorkerOptions, 'redisUrl' | 'stripe'>>;
  workers?: number;
  dispatcher?: Partial<Omit<RedisDispatcherOptions, 'redisUrl'>>;
  dispatchers?: number;
}

/** What the Redis integration tests start before each suite; tests stop what they kill themselves. */
export async function startRedisStack(options: RedisStackOptions = {}): Promise<RedisStack> {
  const redis = await startTestRedis();
  const mock = await startStripeMock(options.mock);
  const stripe = { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } };
  const worker = { queues: ['default'], concurrency: 8, threads: 1, rateLimit: 0, ...options.worker };
  const workers = await Promise.all(
    Array.from({ length: options.workers ?? 1 }, () => startRedisWorker({ redisUrl: redis.url, stripe, ...worker })),
  );
  const dispatchers = await Promise.all(
    Array.from({ length: options.dispatchers ?? 1 }, () =>
      createRedisDispatcher({ redisUrl: redis.url, ...options.dispatcher }),
    ),
  );
  return {
    redis,
    mock,
    workers,
    dispatchers,
    async close() {
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.close()));
      await Promise.all(workers.map((each) => each.close()));
      await mock.close();
      await redis.dispose();
    },
  };
}
