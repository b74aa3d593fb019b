import { EntryWindow, type Dispatcher, type JournalEntry } from '@fireflow/engine';
import type { DispatchEvent, EventOf } from '@fireflow/protocol';
import type { RunHistory } from '../store/run-history.ts';

type Listener = (event: DispatchEvent, entry: JournalEntry) => void;
type Settled = EventOf<'run.settled'>;

export interface SettleWaiter {
  /** Resolves with the run's `run.settled`, or null once cancelled. */
  promise: Promise<Settled | null>;
  cancel(): void;
}

export interface RunFeedOptions {
  /**
   * Recent events kept per flow (default 10,000), in the order they came, so a flow stream can resume exactly
   * from `<run_id>:<id>` across runs that interleave. They are the run journals' own entries, not copies, and
   * kept only for flows streamed since this feed started: a resume point can only come from such a stream.
   */
  journalSize?: number;
  /** ...and at most about this much of their log text (default 8 MiB), so big log lines cannot pile up. */
  journalBytes?: number;
  logger?: { error(message: string, error: unknown): void };
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): () => void {
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
  return () => {
    set.delete(value);
    if (set.size === 0 && map.get(key) === set) map.delete(key);
  };
}

/**
 * The server's one subscription to the dispatcher. Each event is recorded in the history first and then fanned
 * out, so anyone who subscribes and then reads the history sees every event at least once (and dedupes by id).
 */
export class RunFeed {
  private readonly history: RunHistory;
  private readonly journalSize: number;
  private readonly journalBytes: number;
  private readonly logger: NonNullable<RunFeedOptions['logger']>;
  private readonly byRun = new Map<string, Set<Listener>>();
  private readonly byFlow = new Map<string, Set<Listener>>();
  private readonly waiters = new Map<string, Set<(event: Settled | null) => void>>();
  /** Flow of each run still going (from its run.started). */
  private readonly runFlow = new Map<string, string>();
  /** Flows streamed since start: their recent events in the order they came. */
  private readonly journals = new Map<string, EntryWindow>();
  private readonly unsubscribe: () => void;

  constructor(dispatcher: Dispatcher, history: RunHistory, options: RunFeedOptions = {}) {
    this.history = history;
    this.journalSize = options.journalSize ?? 10_000;
    this.journalBytes = options.journalBytes ?? 8 * 1024 * 1024;
    this.logger = options.logger ?? { error: (message, error) => console.error(message, error) };
    this.unsubscribe = dispatcher.onEvent((event, entry) => this.take(event, entry));
  }

  /**
   * Runs inside the dispatcher's emit: nothing here may throw into it. `given`: the event as the dispatcher's
   * journal holds it (each once); without it (a catch-up read) the history's journal drops what it has seen.
   */
  take(event: DispatchEvent, given?: JournalEntry): void {
    try {
      if (event.type === 'run.started') this.runFlow.set(event.run_id, event.flow_id);
      const flowId = this.runFlow.get(event.run_id) ?? this.history.summary(event.run_id)?.flow_id;
      // Streams will send it too: its JSON, made once now, is what the history line and every frame write.
      if (this.byRun.has(event.run_id) || (flowId !== undefined && this.byFlow.has(flowId))) given?.keepJson();
      const entry = this.history.record(event, given) ?? given;
      if (!entry) return;
      if (flowId !== undefined) {
        this.journals.get(flowId)?.push(entry);
        for (const listener of this.byFlow.get(flowId) ?? []) listener(event, entry);
      }
      for (const listener of this.byRun.get(event.run_id) ?? []) listener(event, entry);
      if (event.type === 'run.settled') {
        this.runFlow.delete(event.run_id);
        for (const resolve of this.waiters.get(event.run_id) ?? []) resolve(event);
        this.waiters.delete(event.run_id);
      }
    } catch (error) {
      this.logger.error(`relaying ${event.type} of ${event.run_id} failed`, error);
    }
  }

  /**
   * After a restart with a dispatcher that outlives the server (Redis), runs the history still shows as going
   * may have moved on: fetch what was missed. Duplicates of live deliveries are dropped by id.
   */
  async catchUp(dispatcher: Dispatcher): Promise<void> {
    for (const { runId, lastId } of this.history.unfinished()) {
      const missed = await dispatcher.replay(runId, lastId).catch(() => []);
      for (const event of missed) this.take(event);
      // Still going: the dispatcher follows it from here, so it cannot stay `running` if its work is gone.
      if (dispatcher.adopt && this.history.isLive(runId)) dispatcher.adopt((await this.history.events(runId, 0)) ?? []);
    }
  }

  subscribeRun(runId: string, listener: Listener): () => void {
    return addTo(this.byRun, runId, listener);
  }

  subscribeFlow(flowId: string, listener: Listener): () => void {
    if (!this.journals.has(flowId))
      this.journals.set(flowId, new EntryWindow({ maxEvents: this.journalSize, maxWeight: this.journalBytes }));
    return addTo(this.byFlow, flowId, listener);
  }

  /** The flow's events after the given one, or null when it is no longer (or never was) in the journal. */
  journalAfter(flowId: string, runId: string, eventId: number): JournalEntry[] | null {
    const list = this.journals.get(flowId)?.entries ?? [];
    for (let i = list.length - 1; i >= 0; i -= 1) {
      const { event } = list[i] as JournalEntry;
      if (event.run_id === runId && event.id === eventId) return list.slice(i + 1);
    }
    return null;
  }

  /** Register before starting the run (with a run id chosen up front) so the settlement cannot be missed. */
  waitForSettled(runId: string): SettleWaiter {
    let resolve!: (event: Settled | null) => void;
    const promise = new Promise<Settled | null>((r) => (resolve = r));
    const remove = addTo(this.waiters, runId, resolve);
    return {
      promise,
      cancel: () => {
        remove();
        resolve(null);
      },
    };
  }

  close(): void {
    this.unsubscribe();
    for (const set of this.waiters.values()) for (const resolve of set) resolve(null);
    this.waiters.clear();
    this.byRun.clear();
    this.byFlow.clear();
  }
}
