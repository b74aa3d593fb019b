import type { Redis } from 'ioredis';
import type { DispatchEvent } from '@fireflow/protocol';
import type { JournalEntry, RunJournal } from '../events/run-journal.ts';
import type { RunJournals } from '../events/run-journals.ts';
import { EVENTS_CHANNEL } from './keys.ts';
import { parseEvent, type RunStore } from './run-store.ts';

/** A run whose stream is being read after a gap; `again`: more was announced meanwhile. */
interface Reading {
  again: boolean;
}

export interface EventFeedOptions {
  /** A connection of its own: a subscribed connection can do nothing else. */
  subscriber: Redis;
  store: RunStore;
  /** Where each run's events are kept and deduplicated: where it left off is the run journal's last id. */
  journals: RunJournals;
  deliver: (event: DispatchEvent, entry: JournalEntry) => void;
  /**
   * Whether an announced event (its JSON text) is worth parsing and delivering; the rest are skipped unparsed, in
   * order. Default: all. Events read back from a stream after a gap are always all delivered.
   */
  wanted?: (json: string) => boolean;
  log: (message: string) => void;
}

export interface EventFeed {
  close(): Promise<void>;
}

const PAGE = 500;

/** `<first id> <last id> <run id>\n<event JSON>\n…`, as the Lua scripts publish it. */
function parseNotice(message: string): { runId: string; first: number; last: number; lines: string[] } | null {
  const newline = message.indexOf('\n');
  const header = newline === -1 ? message : message.slice(0, newline);
  const [firstText, lastText] = header.split(' ', 2);
  const runId = header.slice(`${firstText} ${lastText} `.length);
  const first = Number(firstText);
  const last = Number(lastText);
  if (runId === '' || !Number.isInteger(first) || !Number.isInteger(last)) return null;
  return { runId, first, last, lines: newline === -1 ? [] : message.slice(newline + 1).split('\n') };
}

/**
 * Delivers every event of every run, each once and in id order. Each append is announced on one pub/sub channel
 * with the events themselves; when they continue where this feed left off they are delivered from the notice,
 * otherwise (a gap: a lost notice, a reconnect) the feed reads the run's stream after the last id it delivered.
 * On reconnect it re-reads every run still active and every run it was following.
 */
export async function startEventFeed(options: EventFeedOptions): Promise<EventFeed> {
  const { subscriber, store, journals } = options;
  const reading = new Map<string, Reading>();
  let closed = false;

  function deliver(event: DispatchEvent, json?: string): void {
    const entry = journals.append(event, json);
    if (entry) options.deliver(event, entry);
  }

  async function pump(runId: string): Promise<void> {
    const already = reading.get(runId);
    if (already) {
      already.again = true;
      return;
    }
    const state: Reading = { again: false };
    reading.set(runId, state);
    try {
      do {
        state.again = false;
        for (let full = true; full && !closed;) {
          const page = await store.readPage(runId, journals.lastId(runId), PAGE);
          for (const event of page.events) deliver(event);
          journals.journal(runId)?.skipTo(page.lastId);
          full = page.full;
        }
      } while (state.again && !closed && journals.journal(runId));
    } catch (error) {
      if (!closed) options.log(`reading events of run ${runId}: ${(error as Error).message}`);
    } finally {
      reading.delete(runId);
    }
  }

  /**
   * A run first heard of mid-way is followed from the notified events on; its earlier ones are in `replay`.
   * Null once it has settled.
   */
  function follow(runId: string, first: number): RunJournal | null {
    return journals.follow(runId, first - 1);
  }

  function onNotice(message: string): void {
    const notice = parseNotice(message);
    if (!notice) return;
    const journal = follow(notice.runId, notice.first);
    if (!journal || notice.last <= journal.lastId) return;
    const whole = notice.lines.length === notice.last - notice.first + 1;
    const wanted = options.wanted ?? (() => true);
    const lines = whole ? notice.lines.filter((line) => wanted(line)) : [];
    const events = lines.map((line) => parseEvent(line));
    if (reading.has(notice.runId) || notice.first > journal.lastId + 1 || !whole || events.includes(null)) {
      void pump(notice.runId);
      return;
    }
    for (const [index, event] of events.entries()) if (event) deliver(event, lines[index]);
    journal.skipTo(notice.last);
  }

  async function catchUp(): Promise<void> {
    const active = new Set(await store.activeRuns());
    for (const runId of active) if (follow(runId, 1)) void pump(runId);
    for (const runId of journals.goingRunIds()) if (!active.has(runId)) void pump(runId);
  }

  subscriber.on('message', (channel: string, message: string) => {
    if (channel === EVENTS_CHANNEL && !closed) onNotice(message);
  });
  let subscribedOnce = false;
  subscriber.on('ready', () => {
    if (!subscribedOnce || closed) return;
    // ioredis re-subscribes by itself; subscribe again to know when it is done, then read what was missed.
    subscriber
      .subscribe(EVENTS_CHANNEL)
      .then(catchUp)
      .catch((error: Error) => options.log(`catching up on events: ${error.message}`));
  });
  await subscriber.subscribe(EVENTS_CHANNEL);
  subscribedOnce = true;

  return {
    async close() {
      closed = true;
      await subscriber.unsubscribe(EVENTS_CHANNEL).catch(() => undefined);
    },
  };
}
