import type { Dispatcher } from './types.ts';
import type { SandboxLimits } from '../sandbox/types.ts';
import { createSandboxPool } from '../sandbox/index.ts';
import { createStripeCaller, type StripeSettings } from '../stripe/caller.ts';
import { createRedactor } from '../redact.ts';
import { createInProcessDispatcher } from './in-process.ts';
import type { RunBudgets } from './budgets.ts';
import { watchPoolHealth } from './pool-health.ts';

export interface LocalDispatcherOptions {
  stripe: StripeSettings;
  /** Sandbox worker threads (default: one per core). */
  threads?: number;
  limits?: Partial<SandboxLimits>;
  maxDepth?: number;
  budgets?: Partial<RunBudgets>;
  log?: (message: string) => void;
}

/** The embedded default: a worker-thread sandbox pool and an in-process dispatcher that owns it. */
export async function createLocalDispatcher(options: LocalDispatcherOptions): Promise<Dispatcher> {
  const sandbox = await createSandboxPool(options.threads === undefined ? {} : { threads: options.threads });
  const caller = createStripeCaller(options.stripe);
  const redact = createRedactor(
    Object.values(options.stripe.secrets).filter((v): v is string => typeof v === 'string'),
  );
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const dispatcher = createInProcessDispatcher({
    sandbox,
    caller,
    redact,
    log,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth }),
    ...(options.budgets ? { budgets: options.budgets } : {}),
  });
  const poolHealth = watchPoolHealth(sandbox, log);
  return {
    ...dispatcher,
    sandboxSpawnFailures: poolHealth.spawnFailures,
    async close() {
      poolHealth.close();
      await dispatcher.close();
      await sandbox.close();
      caller.close();
    },
  };
}
