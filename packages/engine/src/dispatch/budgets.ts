import type { ScriptLog } from '../sandbox/types.ts';

/**
 * Per-run budgets (SPEC §2). Depth stays `maxDepth` with its own code (`DISPATCH_DEPTH`); these four are what a run
 * may spend in all. `callsInFlight` is a limit on concurrency: calls beyond it wait for a slot, they do not fail.
 */
export interface RunBudgets {
  executions: number;
  stripeCalls: number;
  callsInFlight: number;
  /** UTF-8 bytes of log text, over every execution of the run. */
  logBytes: number;
}

export const DEFAULT_RUN_BUDGETS: RunBudgets = {
  executions: 1_000,
  stripeCalls: 1_000,
  callsInFlight: 100,
  logBytes: 4 * 1024 * 1024,
};

/** The budgets a run can exhaust; the name `RUN_BUDGET` failures carry. */
export type BudgetName = 'executions' | 'stripe_calls' | 'log_bytes';

export interface Refusal {
  budget: BudgetName;
  limit: number;
}

/** What an execution's output may spend: its logs up to `logBytes`, and its calls only if `refused` is null. */
export interface OutputVerdict {
  refused: Refusal | null;
  logBytes: number;
}

/**
 * A run's budget bookkeeping. Each question is asked once per owner (an execution id); asking again for the same
 * owner — a job re-run after a crash — gets the first answer and spends nothing more. Once any budget is reached
 * the run is stopped: no new execution is dispatched and no new call admitted; calls already admitted still go.
 */
export interface RunBudgetGate {
  /** Logs and calls an execution produced. */
  admitOutput(owner: string, logBytes: number, calls: number): Promise<OutputVerdict>;
  /** A follow-up execution about to be dispatched. */
  admitDispatch(owner: string): Promise<Refusal | null>;
}

export function resolveBudgets(partial: Partial<RunBudgets> | undefined): RunBudgets {
  return { ...DEFAULT_RUN_BUDGETS, ...partial };
}

const UNITS: Record<BudgetName, string> = {
  executions: 'executions',
  stripe_calls: 'Stripe calls',
  log_bytes: 'bytes of log text',
};

export function budgetMessage(refusal: Refusal): string {
  return `run budget "${refusal.budget}" reached: at most ${refusal.limit} ${UNITS[refusal.budget]} per run`;
}

export function logBytesOf(logs: readonly ScriptLog[]): number {
  let total = 0;
  for (const log of logs) total += Buffer.byteLength(log.message);
  return total;
}

export const LOG_CUT_MARKER = ' … [cut: run log budget reached]';

/** The logs that fit in `allowed` bytes; the line that crosses it is cut and marked, later lines dropped. */
export function fitLogs(logs: readonly ScriptLog[], allowed: number): ScriptLog[] {
  const kept: ScriptLog[] = [];
  let left = allowed;
  for (const log of logs) {
    const bytes = Buffer.byteLength(log.message);
    if (bytes <= left) {
      kept.push(log);
      left -= bytes;
      continue;
    }
    const head = Buffer.from(log.message).subarray(0, left).toString();
    kept.push({ ...log, message: head + LOG_CUT_MARKER });
    break;
  }
  return kept;
}

/** The in-memory gate of one run (in-process dispatcher); the Redis gate keeps the same books in Lua. */
export function createBudgetLedger(budgets: RunBudgets): RunBudgetGate & { readonly stopped: Refusal | null } {
  const spent = { executions: 1, stripe_calls: 0, log_bytes: 0 };
  const limits: Record<BudgetName, number> = {
    executions: budgets.executions,
    stripe_calls: budgets.stripeCalls,
    log_bytes: budgets.logBytes,
  };
  let stopped: Refusal | null = null;
  const stop = (budget: BudgetName): Refusal => (stopped ??= { budget, limit: limits[budget] });

  function output(logBytes: number, calls: number): OutputVerdict {
    if (spent.log_bytes + logBytes > limits.log_bytes) {
      const allowed = Math.max(0, limits.log_bytes - spent.log_bytes);
      spent.log_bytes += allowed;
      return { refused: stop('log_bytes'), logBytes: allowed };
    }
    spent.log_bytes += logBytes;
    if (calls === 0) return { refused: null, logBytes };
    if (stopped) return { refused: stopped, logBytes };
    if (spent.stripe_calls + calls > limits.stripe_calls) return { refused: stop('stripe_calls'), logBytes };
    spent.stripe_calls += calls;
    return { refused: null, logBytes };
  }

  function dispatch(): Refusal | null {
    if (stopped) return stopped;
    if (spent.executions + 1 > limits.executions) return stop('executions');
    spent.executions += 1;
    return null;
  }

  return {
    get stopped() {
      return stopped;
    },
    // Nothing re-runs in one process, so no owner asks twice.
    admitOutput: async (_owner, logBytes, calls) => output(logBytes, calls),
    admitDispatch: async () => dispatch(),
  };
}
