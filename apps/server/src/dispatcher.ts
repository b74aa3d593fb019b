import { createLocalDispatcher, type Dispatcher } from '@fireflow/engine';
import type { FireflowConfig } from './config.ts';
import type { StripeTarget } from './stripe-target.ts';

/** In-process by default; through Redis when REDIS_URL / --redis is set (SPEC §1, §6). */
export async function createDispatcher(config: FireflowConfig, target: StripeTarget): Promise<Dispatcher> {
  if (config.redisUrl) {
    throw new Error('Redis mode is not available in this build yet');
  }
  return createLocalDispatcher({ stripe: target.settings });
}
