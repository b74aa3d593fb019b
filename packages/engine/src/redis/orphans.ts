import type { Redis } from 'ioredis';
import { ACTIVE_RUNS_KEY, runKeys } from './keys.ts';
import { followUpJobKeys, queueFollowUps, storedFollowUp, type FollowUpJob } from './follow-ups.ts';
import type { DeadJob } from './give-up.ts';
import type { QueueSet } from './queues.ts';

/** How often a worker looks for kept jobs that are in no queue (SPEC §6: no dispatch is lost). */
export const ORPHAN_CHECK_MS = 15_000;
/** Runs looked at per check, oldest first, continuing where the last check stopped. */
const RUNS_PER_CHECK = 500;

export interface OrphanSweep {
  /** Looks once; resolves to how many units it acted on: kept jobs queued again, and units given up on. */
  check(): Promise<number>;
  close(): void;
}

interface Kept {
  runId: string;
  unit: string;
  text: string;
  digest: string;
}

type Readable = Kept & { followUp: FollowUpJob };

/**
 * A pending unit keeps its job in its run's state until it completes (scripts.ts), and whoever made it queues it
 * right after. If that never happened — a producer died after storing a run, or the job that would queue a unit's
 * follow-ups again is gone too (BullMQ gave up on it, or Redis lost the add in a crash) — the job is in no queue and
 * the run would never settle. Every worker checks for such units (in runs started at least one interval ago) and
 * queues a unit's kept job when two checks in a row found it pending with no job in BullMQ: the first may fall in
 * the moment between storing and queueing. Queueing uses the job's own id, so a job that appears meanwhile is not
 * doubled. A unit whose job BullMQ failed for good (it failed 50 times, or its worker died under it too often) would
 * never complete either: it is given up on at once, since BullMQ will not run that job again.
 */
export function sweepOrphans(options: {
  client: Redis;
  queues: QueueSet;
  /** Ends a unit whose job BullMQ failed for good (give-up.ts). */
  giveUp: (dead: DeadJob) => Promise<void>;
  log: (message: string) => void;
  intervalMs?: number;
  /** Runs younger than this are not looked at (default: the interval). */
  minAgeMs?: number;
}): OrphanSweep {
  const { client, queues, log } = options;
  const intervalMs = options.intervalMs ?? ORPHAN_CHECK_MS;
  const minAgeMs = options.minAgeMs ?? intervalMs;
  let offset = 0;
  /** Units found without a job by the last check: `<run> <unit>`. */
  let missing = new Set<string>();
  let checking = false;

  /** The kept jobs of a page of runs started at least an interval ago. */
  async function keptJobs(): Promise<Kept[]> {
    const before = Date.now() - minAgeMs;
    const runs = await client.zrangebyscore(ACTIVE_RUNS_KEY, '-inf', before, 'LIMIT', offset, RUNS_PER_CHECK);
    offset = runs.length < RUNS_PER_CHECK ? 0 : offset + runs.length;
    const kept: Kept[] = [];
    for (const runId of runs) {
      const meta = runKeys(runId).meta;
      const digest = await client.hget(meta, 'bundle_digest');
      if (digest === null) {
        // Its state expired, or Redis lost it, while it went: nothing of it is left to serve, and the list of runs
        // going would keep it for good (the servers following it end it with RUN_LOST).
        await client.zrem(ACTIVE_RUNS_KEY, runId);
        continue;
      }
      let cursor = '0';
      do {
        const [next, pairs] = await client.hscan(meta, cursor, 'MATCH', 'j:*', 'COUNT', 1000);
        for (let i = 0; i + 1 < pairs.length; i += 2) {
          kept.push({ runId, unit: (pairs[i] ?? '').slice(2), text: pairs[i + 1] ?? '', digest });
        }
        cursor = next;
      } while (cursor !== '0');
    }
    return kept;
  }

  /**
   * The kept jobs that are, at one moment (MULTI), still kept and either in no queue, or failed for good in BullMQ
   * (with why, and the attempts it counted).
   */
  async function unserved(kept: Readable[]): Promise<{ jobless: Readable[]; dead: DeadJob[] }> {
    const found = { jobless: [] as Readable[], dead: [] as DeadJob[] };
    if (kept.length === 0) return found;
    const multi = client.multi();
    for (const { runId, unit, followUp } of kept) {
      const keys = followUpJobKeys(followUp);
      multi.hexists(runKeys(runId).meta, `j:${unit}`);
      multi.exists(keys.job);
      multi.zscore(keys.failed, keys.id);
      multi.hmget(keys.job, 'failedReason', 'atm');
    }
    const replies = (await multi.exec()) ?? [];
    for (const [i, each] of kept.entries()) {
      const reply = (offset: number) => replies[4 * i + offset]?.[1];
      if (reply(0) !== 1) continue;
      if (reply(1) === 0) found.jobless.push(each);
      else if (reply(2) !== null && reply(2) !== undefined) {
        const [reason, attempts] = (reply(3) as Array<string | null> | undefined) ?? [];
        found.dead.push({
          runId: each.runId,
          followUp: each.followUp,
          reason: reason ?? '',
          attempts: Number(attempts) || 0,
        });
      }
    }
    return found;
  }

  async function check(): Promise<number> {
    if (checking) return 0;
    checking = true;
    try {
      const readable: Readable[] = [];
      for (const kept of await keptJobs()) {
        try {
          readable.push({ ...kept, followUp: storedFollowUp(kept.unit, kept.text) });
        } catch (error) {
          log(`run ${kept.runId}: ${(error as Error).message}`);
        }
      }
      const { jobless, dead } = await unserved(readable);
      const seenBefore = missing;
      missing = new Set(jobless.map(({ runId, unit }) => `${runId} ${unit}`));
      const orphans = jobless.filter(({ runId, unit }) => seenBefore.has(`${runId} ${unit}`));
      for (const { runId, unit, followUp, digest } of orphans) {
        await queueFollowUps(queues, [followUp], digest);
        log(`run ${runId}: queued ${unit} again (its job was in no queue)`);
      }
      for (const each of dead) await options.giveUp(each);
      return orphans.length + dead.length;
    } finally {
      checking = false;
    }
  }

  const timer = setInterval(() => {
    check().catch((error: unknown) => log(`looking for jobs in no queue: ${(error as Error).message}`));
  }, intervalMs);
  timer.unref();
  return { check, close: () => clearInterval(timer) };
}
