import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DispatchEvent, type EventOf, type ExecutionJob, type FlowBundle, type RunCounts } from '@fireflow/protocol';
import { ACTIVE_RUNS_KEY, DEFAULT_MAX_EVENTS_PER_RUN, EVENTS_CHANNEL, RUN_TTL_SECONDS, runKeys } from './keys.ts';
import { defineRunScripts } from './scripts.ts';
import { refusalOf } from './budget-store.ts';
import type { Refusal } from '../dispatch/budgets.ts';
import { followUpUnit, storedFollowUp, type FollowUpJob } from './follow-ups.ts';

export interface RunStoreOptions {
  maxEventsPerRun?: number;
  runTtlSeconds?: number;
}

export interface StartRecord {
  runId: string;
  flowId: string;
  contextId: string;
  bundle: FlowBundle;
  startedAt: number;
  /** The entry execution's unit, pending from the start. */
  unit: string;
  /**
   * The entry execution's job, kept with its unit until it completes: if the producer dies before queueing it, a
   * worker's sweep does (orphans.ts). Without it the entry is queued by the caller alone.
   */
  entryJob?: ExecutionJob;
  /** Serialized events without ids (run.started, execution.queued). */
  events: string[];
  /** The run's budget hash, as field/value pairs (`budgetFields`); empty: none. */
  budget: Array<string | number>;
}

/**
 * `done`: the unit completed before and its run goes on — a re-run, which must leave no trace but queue again its
 * follow-ups still pending, as they were kept (a crash may have come between completing and queueing them).
 * `stale`: the run settled or expired, or never had the unit — nothing to do.
 */
export type WriteResult = 'ok' | 'done' | 'stale';

/** `done`: the job's unit completed before; `queue`: its follow-ups still pending, to queue again as they were. */
export type JobState =
  | { kind: 'unknown_run' }
  | { kind: 'stale' }
  | { kind: 'ready'; bundleJson: string | null; bundleDigest: string | null }
  | { kind: 'done'; bundleJson: string | null; bundleDigest: string | null; queue: FollowUpJob[] };

export interface EventPage {
  events: DispatchEvent[];
  lastId: number;
  full: boolean;
}

export interface Completion {
  events: string[];
  deltas: RunCounts;
  followUps: FollowUpJob[];
  admit?: string;
}

export interface CompleteResult {
  result: WriteResult;
  settled: EventOf<'run.settled'> | null;
  queue: FollowUpJob[];
  refused: Refusal | null;
}

/** A run's state in Redis, through the Lua scripts in `scripts.ts` and plain reads. Built per connection. */
export interface RunStore {
  /** Stores the run; `bundleDigest` names its flow snapshot (see `bundleDigestOf`). */
  start(record: StartRecord): Promise<{ bundleDigest: string }>;
  /** Appends events of a unit still running. */
  append(runId: string, owner: string, events: string[]): Promise<WriteResult>;
  /**
   * Completes a unit with its last events and count deltas, adding `followUps` (the jobs it is about to queue) as
   * pending units, each kept with its job. `queue`: the follow-ups to queue now (on `done`, the kept jobs still
   * pending, whatever this re-run passed); `settled`: the `run.settled` this completion caused. A Stripe call's
   * unit gives back its in-flight slot; settling drops the budget books.
   * `admit`: the owner whose follow-up dispatch the budget must admit first; `refused` (nothing else written, the
   * slot aside): complete again with the refusal's events and no follow-up.
   */
  complete(runId: string, unit: string, completion: Completion): Promise<CompleteResult>;
  /** Whether the job of `unit` should run, and its run's flow snapshot. */
  jobState(runId: string, unit: string): Promise<JobState>;
  /** The stored `run.settled`; null while running; undefined for a run Redis does not know. */
  settledEvent(runId: string): Promise<EventOf<'run.settled'> | null | undefined>;
  /**
   * The events after `afterId` of up to `count` stream entries (writes); `lastId` is the id of the last entry's last
   * event, even if it did not parse.
   */
  readPage(runId: string, afterId: number, count: number): Promise<EventPage>;
  /** Every event with `id > afterId`, oldest first. */
  readEvents(runId: string, afterId: number): Promise<DispatchEvent[]>;
  activeRuns(): Promise<string[]>;
}

/** An event's JSON as the scripts take it: without its opening brace, which they write with the event's id. */
const withoutBrace = (json: string) => json.slice(1);

/** The follow-ups a `done` answer lists, as (unit, kept job text) pairs. */
function keptFollowUps(pairs: string[]): FollowUpJob[] {
  const jobs: FollowUpJob[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) jobs.push(storedFollowUp(pairs[i] ?? '', pairs[i + 1] ?? ''));
  return jobs;
}

/**
 * The follow-ups a completion leaves to queue: on `ok`, those it added (`rest` names them: all, unless one was known
 * already); on `done`, the kept ones still pending (`rest`: their pairs).
 */
function toQueue(result: WriteResult, rest: string[], followUps: FollowUpJob[], units: string[]): FollowUpJob[] {
  if (result === 'done') return keptFollowUps(rest);
  if (result === 'stale') return [];
  if (rest.length === followUps.length) return followUps;
  const added = new Set(rest);
  return followUps.filter((_, i) => added.has(units[i] ?? ''));
}

export function parseEvent(json: string | undefined): DispatchEvent | null {
  if (json === undefined) return null;
  try {
    const parsed = DispatchEvent.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A flow snapshot's name by content: jobs carry it so a worker that already parsed the same snapshot (any run of the
 * same flow version) needs no look-up in Redis.
 */
export function bundleDigestOf(bundleJson: string): string {
  return createHash('sha1').update(bundleJson).digest('base64url');
}

export function createRunStore(client: Redis, options: RunStoreOptions = {}): RunStore {
  const scripts = defineRunScripts(client);
  // Runs of one flow version share its bundle object, a value never changed once built: its text and digest are
  // worked out once.
  const snapshots = new WeakMap<FlowBundle, { json: string; digest: string }>();
  const snapshotOf = (bundle: FlowBundle) => {
    let found = snapshots.get(bundle);
    if (!found) {
      const json = JSON.stringify(bundle);
      found = { json, digest: bundleDigestOf(json) };
      snapshots.set(bundle, found);
    }
    return found;
  };
  const maxlen = options.maxEventsPerRun ?? DEFAULT_MAX_EVENTS_PER_RUN;
  const ttl = options.runTtlSeconds ?? RUN_TTL_SECONDS;

  const readPage: RunStore['readPage'] = async (runId, afterId, count) => {
    // An entry holds the events of one write, one per line, under the id of its last event (see `scripts.ts`).
    const entries = await client.xrange(runKeys(runId).events, `${afterId + 1}-0`, '+', 'COUNT', count);
    const events: DispatchEvent[] = [];
    for (const [, fields] of entries) {
      for (const line of (fields[1] ?? '').split('\n')) {
        const event = parseEvent(line);
        if (event && event.id > afterId) events.push(event);
      }
    }
    const last = entries.at(-1);
    return { events, lastId: last ? Number.parseInt(last[0], 10) : afterId, full: entries.length === count };
  };

  return {
    async start(record) {
      const k = runKeys(record.runId);
      const keys = [k.meta, k.events, k.budget, ACTIVE_RUNS_KEY];
      const { json, digest } = snapshotOf(record.bundle);
      const args = [EVENTS_CHANNEL, record.runId, maxlen, ttl, json, digest, record.flowId];
      const entryJob = record.entryJob === undefined ? '' : JSON.stringify(record.entryJob);
      args.push(record.contextId, record.startedAt, record.unit, entryJob, record.budget.length, ...record.budget);
      await scripts.start(...keys, ...args, ...record.events.map(withoutBrace));
      return { bundleDigest: digest };
    },
    async append(runId, owner, events) {
      const k = runKeys(runId);
      const args = [EVENTS_CHANNEL, runId, maxlen, owner, ...events.map(withoutBrace)];
      return (await scripts.append(k.meta, k.events, ...args)) as WriteResult;
    },
    async complete(runId, unit, { events, deltas, followUps, admit = '' }) {
      const k = runKeys(runId);
      const keys = [k.meta, k.events, k.budget, k.inflight, ACTIVE_RUNS_KEY];
      const counts = [deltas.executions, deltas.failed_executions, deltas.stripe_calls, deltas.stripe_failures];
      const args = [EVENTS_CHANNEL, runId, maxlen, unit, Date.now(), ...counts, admit, followUps.length];
      const units = followUps.map(followUpUnit);
      followUps.forEach((followUp, i) => args.push(units[i] ?? '', JSON.stringify(followUp.job)));
      const [result, json, ...rest] = (await scripts.complete(...keys, ...args, ...events.map(withoutBrace))) as [
        WriteResult | 'refused',
        string,
        ...string[],
      ];
      if (result === 'refused') {
        const [budget = '', limit = 0] = rest;
        return { result: 'ok', settled: null, queue: [], refused: refusalOf(budget, Number(limit)) };
      }
      const settled = json === '' ? null : parseEvent(json);
      const queue = toQueue(result, rest, followUps, units);
      return { result, settled: settled?.type === 'run.settled' ? settled : null, queue, refused: null };
    },
    async jobState(runId, unit) {
      const [kind, bundle, digest, ...rest] = (await scripts.jobState(runKeys(runId).meta, unit)) as string[];
      if (kind === 'unknown_run' || kind === 'stale') return { kind };
      const found = { bundleJson: bundle || null, bundleDigest: digest || null };
      return kind === 'done' ? { kind, ...found, queue: keptFollowUps(rest) } : { kind: 'ready', ...found };
    },
    async settledEvent(runId) {
      const [started, settled] = await client.hmget(runKeys(runId).meta, 'started', 'settled');
      if (started === null) return undefined;
      const event = settled ? parseEvent(settled) : null;
      return event?.type === 'run.settled' ? event : null;
    },
    readPage,
    async readEvents(runId, afterId) {
      const events: DispatchEvent[] = [];
      for (let after = afterId; ;) {
        const page = await readPage(runId, after, 1_000);
        events.push(...page.events);
        if (!page.full) return events;
        after = page.lastId;
      }
    },
    activeRuns: () => client.zrange(ACTIVE_RUNS_KEY, 0, -1),
  };
}
