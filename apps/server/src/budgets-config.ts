import type { RunBudgets } from '@fireflow/engine';

/** The environment variables that change the per-run budgets (SPEC §2); unset ones keep the engine's defaults. */
export const BUDGET_ENV = {
  executions: 'FIREFLOW_RUN_MAX_EXECUTIONS',
  stripeCalls: 'FIREFLOW_RUN_MAX_STRIPE_CALLS',
  callsInFlight: 'FIREFLOW_RUN_MAX_CALLS_IN_FLIGHT',
  logBytes: 'FIREFLOW_RUN_MAX_LOG_BYTES',
} as const satisfies Record<keyof RunBudgets, string>;

/** Run history kept on disk per flow, in bytes (SPEC §8); the oldest runs go first. */
export const HISTORY_BYTES_ENV = 'FIREFLOW_HISTORY_MAX_BYTES';

export class BudgetConfigError extends Error {}

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new BudgetConfigError(`${name} must be a whole number above 0, got "${value}"`);
  return number;
}

export function budgetsFromEnv(env: NodeJS.ProcessEnv): Partial<RunBudgets> {
  const budgets: Partial<RunBudgets> = {};
  for (const [key, name] of Object.entries(BUDGET_ENV) as Array<[keyof RunBudgets, string]>) {
    const value = positiveInteger(env, name);
    if (value !== undefined) budgets[key] = value;
  }
  return budgets;
}

export function historyBytesFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  return positiveInteger(env, HISTORY_BYTES_ENV);
}
