import { createLocalDispatcher, createRedisDispatcher, type Dispatcher } from '@fireflow/engine';
import type { FireflowConfig } from './config.ts';
import type { StripeTarget } from './stripe-target.ts';

/** In-process by default; through Redis when REDIS_URL / --redis is set (SPEC §1, §6). */
export async function createDispatcher(config: FireflowConfig, target: StripeTarget): Promise<Dispatcher> {
  if (config.redisUrl) {
    // Stripe calls are made by `fireflow worker` processes, with their own Stripe settings.
    return createRedisDispatcher({ redisUrl: config.redisUrl });
  }
  return createLocalDispatcher({ stripe: target.settings });
}
