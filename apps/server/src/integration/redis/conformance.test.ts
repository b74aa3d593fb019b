import { dispatcherConformance } from '../../testing/conformance.ts';
import { createRedisDispatcher, startRedisWorker } from '@fireflow/engine';
import { startTestRedis } from '@fireflow/engine/testkit';

// The same behaviour as the in-process dispatcher, with a real Redis and a BullMQ worker in between.
dispatcherConformance('redis (BullMQ worker)', async (stripe, options) => {
  const redis = await startTestRedis();
  const worker = await startRedisWorker({
    redisUrl: redis.url,
    queues: ['default', 'worker-1'],
    concurrency: 8,
    stripe,
    threads: 2,
    rateLimit: 0,
  });
  const dispatcher = await createRedisDispatcher({ redisUrl: redis.url, ...options });
  return {
    ...dispatcher,
    async close() {
      await dispatcher.close();
      await worker.close();
      await redis.dispose();
    },
  };
});
