// `@fireflow/engine/testkit`: helpers for tests that drive the engine, here and in apps/server's integration tests
// (which may also start the Stripe mock and the CLI; the engine's own tests do neither).
export { logsOf, ofType, runToSettled } from './collect.ts';
export { cyclicFlow, oneStepFlow } from './flows.ts';
export { freePort } from './free-port.ts';
export { repoRoot } from './repo-root.ts';
export { failedOutcome, stripeCallJob } from './stripe-job.ts';
export { startTestRedis, type TestRedis, type TestRedisOptions } from '../redis/integration/redis-server.ts';
// What the Redis integration tests inspect: BullMQ's queues under Fireflow's prefix.
export { closeRedis, connectRedis } from '../redis/connect.ts';
export { BULL_PREFIX, STRIPE_QUEUE_NAME } from '../redis/keys.ts';
