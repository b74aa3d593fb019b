// Redis mode's entry points, loading BullMQ and ioredis (~27 MB of heap) only when Redis mode is used.
import type { Dispatcher } from '../dispatch/types.ts';
import type { RedisDispatcherOptions } from './dispatcher.ts';
import type { RedisWorkerHandle, RedisWorkerOptions } from './worker.ts';

export async function createRedisDispatcher(options: RedisDispatcherOptions): Promise<Dispatcher> {
  const { createRedisDispatcher: create } = await import('./dispatcher.ts');
  return create(options);
}

export async function startRedisWorker(options: RedisWorkerOptions): Promise<RedisWorkerHandle> {
  const { startRedisWorker: start } = await import('./worker.ts');
  return start(options);
}
