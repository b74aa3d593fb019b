import type { Redis } from 'ioredis';
import type { BudgetName, OutputVerdict, Refusal, RunBudgetGate, RunBudgets } from '../dispatch/budgets.ts';
import { RUN_TTL_SECONDS, runKeys } from './keys.ts';
import { budgetLua } from './budget-lua.ts';

/**
 * The same books as `createBudgetLedger`, kept in Redis so every worker of a run spends from one budget. The run's
 * limits are written when it starts (`budgetFields`, by the run's start script), so a worker needs no budget
 * settings of its own; the completion that settles the run drops them. The books' Lua is in `budget-lua.ts`.
 */
const COMMON = budgetLua('KEYS[1]');

/** KEYS budget · ARGV owner, log_bytes, calls → { verdict ('ok' | budget), allowed log bytes, limit }. */
const ADMIT_OUTPUT = `${COMMON}
return admit_output(ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
`;

/** KEYS budget · ARGV owner → { 'ok' | budget, limit }. */
const ADMIT_DISPATCH = `${COMMON}
return admit_dispatch(ARGV[1])
`;

/**
 * A call takes a slot before its first attempt and keeps it through its retries; a re-run of the same call finds
 * its slot still held. KEYS budget, inflight · ARGV unit, ttl → 1 (go) | 0 (wait).
 */
const ACQUIRE_SLOT = `
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 1 end
local max = tonumber(redis.call('HGET', KEYS[1], 'max_calls_in_flight') or '0')
if max > 0 and redis.call('SCARD', KEYS[2]) >= max then return 0 end
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1
`;

type ScriptCall = (...args: Array<string | number>) => Promise<unknown>;

export interface BudgetStore {
  gate(runId: string): RunBudgetGate;
  /** Whether `unit` may make its call now; false: wait and ask again. */
  acquireSlot(runId: string, unit: string): Promise<boolean>;
  /** For a call that ends without completing its unit (completing gives the slot back). */
  releaseSlot(runId: string, unit: string): Promise<void>;
}

/** A new run's budget hash as field/value pairs: its limits, and the entry execution spent. */
export function budgetFields(budgets: RunBudgets): Array<string | number> {
  return [
    ...['max_executions', budgets.executions, 'max_stripe_calls', budgets.stripeCalls],
    ...['max_calls_in_flight', budgets.callsInFlight, 'max_log_bytes', budgets.logBytes],
    ...['executions', 1, 'stripe_calls', 0, 'log_bytes', 0],
  ];
}

export function refusalOf(name: string, limit: number): Refusal | null {
  return name === 'ok' ? null : { budget: name as BudgetName, limit };
}

export function createBudgetStore(client: Redis): BudgetStore {
  const definitions = {
    ffAdmitOutput: [ADMIT_OUTPUT, 1],
    ffAdmitDispatch: [ADMIT_DISPATCH, 1],
    ffAcquireSlot: [ACQUIRE_SLOT, 2],
  } as const;
  for (const [name, [lua, numberOfKeys]] of Object.entries(definitions)) {
    if (!(name in client)) client.defineCommand(name, { lua, numberOfKeys });
  }
  const call = (name: keyof typeof definitions): ScriptCall => {
    const command = (client as unknown as Record<string, ScriptCall>)[name] as ScriptCall;
    return (...args) => command.apply(client, args);
  };
  const admitOutput = call('ffAdmitOutput');
  const admitDispatch = call('ffAdmitDispatch');
  const acquire = call('ffAcquireSlot');
  return {
    gate(runId) {
      const key = runKeys(runId).budget;
      return {
        async admitOutput(owner, logBytes, calls): Promise<OutputVerdict> {
          const [name, allowed, limit] = (await admitOutput(key, owner, logBytes, calls)) as [string, number, number];
          return { refused: refusalOf(name, limit), logBytes: allowed };
        },
        async admitDispatch(owner) {
          const [name, limit] = (await admitDispatch(key, owner)) as [string, number];
          return refusalOf(name, limit);
        },
      };
    },
    async acquireSlot(runId, unit) {
      const k = runKeys(runId);
      return (await acquire(k.budget, k.inflight, unit, RUN_TTL_SECONDS)) === 1;
    },
    async releaseSlot(runId, unit) {
      await client.srem(runKeys(runId).inflight, unit);
    },
  };
}
