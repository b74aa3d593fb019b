import type { Dispatcher } from '@fireflow/engine';
import type { DispatchEvent, EventOf } from '@fireflow/protocol';
import type { RunHistory } from '../store/run-history.ts';

type Listener = (event: DispatchEvent) => void;
type Settled = EventOf<'run.settled'>;

export interface SettleWaiter {
  /** Resolves with the run's `run.settled`, or null once cancelled. */
  promise: Promise<Settled | null>;
  cancel(): void;
}

export interface RunFeedOptions {
  /** Recent events kept per flow so a flow stream can resume exactly (default 10,000). */
  journalSize?: number;
  /** ...and at most about this much of their log text (default 8 MiB), so big log lines cannot pile up. */
  journalBytes?: number;
  logger?: { error(message: string, error: unknown): void };
}

/** What an event holds beyond its fixed fields: log lines are the only ones that can be large. */
function weightOf(event: DispatchEvent): number {
  return event.type === 'execution.log' ? event.message.length : 0;
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
  /** Log text held by each flow's journal. */
  private readonly journalWeights = new Map<string, number>();
  private readonly logger: NonNullable<RunFeedOptions['logger']>;
  private readonly byRun = new Map<string, Set<Listener>>();
  private readonly byFlow = new Map<string, Set<Listener>>();
  private readonly waiters = new Map<string, Set<(event: Settled | null) => void>>();
  /** Flow of each run still going (from its run.started). */
  private readonly runFlow = new Map<string, string>();
  private readonly journals = new Map<string, DispatchEvent[]>();
  private readonly unsubscribe: () => void;

  constructor(dispatcher: Dispatcher, history: RunHistory, options: RunFeedOptions = {}) {
    this.history = history;
    this.journalSize = options.journalSize ?? 10_000;
    this.journalBytes = options.journalBytes ?? 8 * 1024 * 1024;
    this.logger = options.logger ?? { error: (message, error) => console.error(message, error) };
    this.unsubscribe = dispatcher.onEvent((event) => this.take(event));
  }

  /** Runs inside the dispatcher's emit: nothing here may throw into it. */
  take(event: DispatchEvent): void {
    try {
      this.history.record(event);
      if (event.type === 'run.started') this.runFlow.set(event.run_id, event.flow_id);
      const flowId = this.runFlow.get(event.run_id) ?? this.history.summary(event.run_id)?.flow_id;
      if (flowId !== undefined) {
        this.journal(flowId, event);
        for (const listener of this.byFlow.get(flowId) ?? []) listener(event);
      }
      for (const listener of this.byRun.get(event.run_id) ?? []) listener(event);
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

  private journal(flowId: string, event: DispatchEvent): void {
    const list = this.journals.get(flowId) ?? [];
    list.push(event);
    let weight = (this.journalWeights.get(flowId) ?? 0) + weightOf(event);
    // Trim in chunks so the cost per event stays O(1).
    if (list.length > this.journalSize * 2 || weight > this.journalBytes * 2) {
      const byCount = Math.max(0, list.length - this.journalSize);
      let cut = 0;
      while (cut < list.length && (cut < byCount || weight > this.journalBytes)) {
        weight -= weightOf(list[cut] as DispatchEvent);
        cut += 1;
      }
      list.splice(0, cut);
    }
    this.journals.set(flowId, list);
    this.journalWeights.set(flowId, weight);
  }

  subscribeRun(runId: string, listener: Listener): () => void {
    return addTo(this.byRun, runId, listener);
  }

  subscribeFlow(flowId: string, listener: Listener): () => void {
    return addTo(this.byFlow, flowId, listener);
  }

  /** The flow's events after the given one, or null when it is no longer (or never was) in the journal. */
  journalAfter(flowId: string, runId: string, eventId: number): DispatchEvent[] | null {
    const list = this.journals.get(flowId) ?? [];
    for (let i = list.length - 1; i >= 0; i -= 1) {
      const event = list[i] as DispatchEvent;
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
