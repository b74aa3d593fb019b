import type { Redis } from 'ioredis';
import type { DispatchEvent, RunCounts } from '@fireflow/protocol';
import { emptyCounts, tallyEvent } from '../dispatch/run-tally.ts';
import { runKeys } from './keys.ts';
import { parseEvent } from './run-store.ts';

/** How often runs still going are checked for in Redis: well inside the 60 s SPEC §6 allows. */
export const LOST_RUN_CHECK_MS = 15_000;

interface LiveRun {
  contextId: string;
  entry: string;
  startedAt: number;
  counts: RunCounts;
}

export interface LostRunWatch {
  /** Every event the feed delivers passes through here; the producer's own starts too, in case a notice is lost. */
  seen(event: DispatchEvent): void;
  /** Checks now (the timer calls this). */
  check(): Promise<void>;
  close(): void;
}

/**
 * A run whose state Redis no longer has (a restart without persistence) can never settle by itself: its jobs and
 * its pending set went with it. The producer follows the runs it sees going and, when one's state is gone, ends it
 * for its listeners with a `RUN_LOST` failure and `run.settled` — never left `running`. Nothing is written back to
 * Redis: there is no run there to write to. A run that settled while this producer could not hear it (down, or cut
 * off from Redis) for longer than its events are kept still has its state, which says how it ended: that
 * `run.settled` is delivered instead.
 */
export function watchForLostRuns(options: {
  client: Redis;
  deliver: (event: DispatchEvent) => void;
  /** Id of the newest event of the run delivered so far (the producer's journal knows). */
  lastId: (runId: string) => number;
  log: (message: string) => void;
  intervalMs?: number;
}): LostRunWatch {
  const live = new Map<string, LiveRun>();
  let checking = false;

  function seen(event: DispatchEvent): void {
    if (event.type === 'run.started' && !live.has(event.run_id)) {
      const run = {
        contextId: event.context_id,
        entry: event.entry,
        startedAt: event.ts,
        counts: emptyCounts(),
      };
      live.set(event.run_id, run);
    }
    const run = live.get(event.run_id);
    if (!run) return;
    if (event.type === 'run.settled') {
      live.delete(event.run_id);
      return;
    }
    tallyEvent(run.counts, event);
  }

  function end(runId: string, run: LiveRun): void {
    live.delete(runId);
    const now = Date.now();
    const base = { run_id: runId, context_id: run.contextId, ts: now };
    // At least its run.started, which the producer wrote before any notice could tell of it.
    const lastId = Math.max(1, options.lastId(runId));
    const failed: DispatchEvent = Object.assign({}, base, {
      id: lastId + 1,
      type: 'execution.failed' as const,
      execution_id: `lost_${runId}`,
      node_id: run.entry,
      duration_ms: 0,
      error: {
        code: 'RUN_LOST' as const,
        message: 'Redis no longer has this run (restarted without its data): its remaining work is lost',
        file: '',
        line: 0,
        column: 0,
      },
    });
    const counts = { ...run.counts, failed_executions: run.counts.failed_executions + 1 };
    const settled: DispatchEvent = Object.assign({}, base, {
      id: lastId + 2,
      type: 'run.settled' as const,
      status: 'failed' as const,
      counts,
      duration_ms: Math.max(0, now - run.startedAt),
    });
    options.log(`run ${runId} is lost: Redis no longer has its state`);
    options.deliver(failed);
    options.deliver(settled);
  }

  /** A run that settled while its events were out of reach, until they expired: how it ended, from its state. */
  function settledMeanwhile(runId: string, json: string): void {
    const settled = parseEvent(json);
    if (settled?.type !== 'run.settled') return;
    live.delete(runId);
    options.log(`run ${runId} settled (${settled.status}) while its events were out of reach`);
    options.deliver(settled);
  }

  async function check(): Promise<void> {
    if (checking || live.size === 0) return;
    checking = true;
    try {
      const runIds = [...live.keys()];
      const pipeline = options.client.pipeline();
      for (const runId of runIds) {
        const keys = runKeys(runId);
        pipeline.hmget(keys.meta, 'started', 'settled');
        pipeline.exists(keys.events);
      }
      const results = (await pipeline.exec()) ?? [];
      for (const [index, runId] of runIds.entries()) {
        const [stateError, state] = results[2 * index] ?? [null, null];
        const [eventsError, events] = results[2 * index + 1] ?? [null, 1];
        const run = live.get(runId);
        if (stateError || eventsError || !run) continue;
        const [started, settled] = (state as Array<string | null> | null) ?? [];
        if (started === null) end(runId, run);
        // While its events are there, the feed delivers them all, run.settled last.
        else if (settled && events === 0) settledMeanwhile(runId, settled);
      }
    } catch {
      // Redis is down: nothing can be told about the runs until it is back.
    } finally {
      checking = false;
    }
  }

  const timer = setInterval(() => void check(), options.intervalMs ?? LOST_RUN_CHECK_MS);
  timer.unref();
  return { seen, check, close: () => clearInterval(timer) };
}
