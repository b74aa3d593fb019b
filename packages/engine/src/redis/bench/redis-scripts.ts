import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { BULL_PREFIX } from '../keys.ts';
import { defineRunScripts } from '../scripts.ts';
import { createBudgetStore } from '../budget-store.ts';

/**
 * Redis time by script: `INFO commandstats` lumps every Lua script into `evalsha`, so the slow log (threshold 0,
 * every command) is read instead, and each EVALSHA is named by its script's SHA1 — BullMQ's and ours, found by
 * defining them on a throwaway connection. The log itself costs Redis a little; use it to attribute, not to time.
 */
export interface ScriptLog {
  /** Forgets what was logged so far (call right before the measured batch). */
  reset(): Promise<void>;
  /**
   * Calls and µs per command or script name since `reset`, biggest first: sent by a client (named after its
   * connection, `fireflow-worker-runs ffStageUnits`), or issued by a script (`(in Lua) xadd`).
   */
  read(): Promise<Array<{ name: string; calls: number; usec: number }>>;
  /** `read`, as one line: µs and calls per unit of work (`units` of them done since `reset`). */
  text(units: number): Promise<string>;
}

/** SHA1 → script name for every script BullMQ and Fireflow define. */
async function scriptNames(client: Redis): Promise<Map<string, string>> {
  const probe = client.duplicate({ lazyConnect: true });
  defineRunScripts(probe);
  createBudgetStore(probe);
  // A Queue defines all of BullMQ's scripts on its connection.
  const queue = new Queue('script-names', { connection: probe, prefix: BULL_PREFIX });
  await queue.waitUntilReady();
  const defined = (probe as unknown as { scriptsSet: Record<string, { sha: string }> }).scriptsSet;
  const names = new Map(Object.entries(defined).map(([name, script]) => [script.sha, name.replace(/:.*$/, '')]));
  await queue.close();
  probe.disconnect();
  return names;
}

export async function startScriptLog(client: Redis): Promise<ScriptLog> {
  const names = await scriptNames(client);
  await client.config('SET', 'slowlog-max-len', '10000000');
  await client.config('SET', 'slowlog-log-slower-than', '0');
  const log: ScriptLog = {
    reset: async () => void (await client.slowlog('RESET')),
    async read() {
      const entries = (await client.slowlog('GET', -1)) as Array<[number, number, number, string[], string, string]>;
      const totals = new Map<string, { calls: number; usec: number }>();
      for (const [, , usec, args, address, connection] of entries) {
        const command = (args[0] ?? '').toLowerCase();
        const what = command === 'evalsha' ? (names.get(args[1] ?? '') ?? 'evalsha (unknown)') : command;
        // A command a script issued has the script's fake client: no address.
        const name = address && address !== '?:0' ? `${connection || address} ${what}` : `(in Lua) ${what}`;
        const total = totals.get(name) ?? { calls: 0, usec: 0 };
        total.calls += 1;
        total.usec += usec;
        totals.set(name, total);
      }
      return [...totals].map(([name, total]) => ({ name, ...total })).sort((a, b) => b.usec - a.usec);
    },
    async text(units) {
      const each = (await log.read()).map(({ name, usec, calls }) => {
        return `${name} ${(usec / units).toFixed(1)} µs/${(calls / units).toFixed(1)}×`;
      });
      return each.join(', ');
    },
  };
  return log;
}
