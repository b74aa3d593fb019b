import { RedisConnectError, createLocalDispatcher, createRedisDispatcher, type Dispatcher } from '@fireflow/engine';
import type { StripeMock } from '@fireflow/stripe-mock';
import type { FireflowConfig } from './config.ts';
import { startStripeTarget } from './stripe-target.ts';

/** What `run` and `serve` need: a dispatcher, and which Stripe it reaches (for logs and /api/health). */
export interface Runtime {
  dispatcher: Dispatcher;
  stripeDescription: string;
  stripeBase: string;
  /** The built-in Stripe mock, when this runtime started one. */
  mock?: StripeMock;
  close(): Promise<void>;
}

/** The server closes the dispatcher it was handed; `Runtime.close` may follow, so closing twice must be harmless. */
function closeOnce(dispatcher: Dispatcher): Dispatcher {
  let closing: Promise<void> | null = null;
  return { ...dispatcher, close: () => (closing ??= dispatcher.close()) };
}

/**
 * In-process by default, with the Stripe target started here; through Redis when REDIS_URL / --redis is set,
 * where `fireflow worker` processes make the Stripe calls with their own settings (SPEC §1, §6).
 */
export async function startRuntime(config: FireflowConfig): Promise<Runtime> {
  if (config.redisUrl) {
    const dispatcher = closeOnce(await createRedisDispatcher({ redisUrl: config.redisUrl, budgets: config.budgets }));
    return {
      dispatcher,
      stripeDescription: 'called by the fireflow worker processes (their STRIPE_API_BASE / STRIPE_SECRET_KEY)',
      stripeBase: config.stripeBase ?? (config.stripeSecretKey ? 'https://api.stripe.com' : 'set on workers'),
      close: () => dispatcher.close(),
    };
  }
  const target = await startStripeTarget(config);
  const dispatcher = closeOnce(await createLocalDispatcher({ stripe: target.settings, budgets: config.budgets }));
  return {
    dispatcher,
    stripeDescription: target.description,
    stripeBase: target.baseUrl,
    ...(target.mock ? { mock: target.mock } : {}),
    async close() {
      await dispatcher.close();
      await target.close();
    },
  };
}

/** For commands: a Redis that cannot be reached is a clear one-line error and an exit code, not a stack trace. */
export async function startRuntimeOrExitCode(config: FireflowConfig, command: string): Promise<Runtime | number> {
  try {
    return await startRuntime(config);
  } catch (error) {
    if (!(error instanceof RedisConnectError)) throw error;
    process.stderr.write(`fireflow ${command}: ${error.message}\n`);
    return error.reason === 'bad_url' ? 2 : 1;
  }
}
