import type { Redis } from 'ioredis';
import type { DispatchEvent } from '@fireflow/protocol';
import { EVENTS_CHANNEL } from './keys.ts';
import { createLru } from './lru.ts';
import { parseEvent, type RunStore } from './run-store.ts';

interface Cursor {
  /** Id of the last event delivered. */
  last: number;
  reading: boolean;
  again: boolean;
  settled: boolean;
}

export interface EventFeedOptions {
  /** A connection of its own: a subscribed connection can do nothing else. */
  subscriber: Redis;
  store: RunStore;
  deliver: (event: DispatchEvent) => void;
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
  const { subscriber, store } = options;
  const cursors = createLru<string, Cursor>(20_000);
  let closed = false;

  function deliver(cursor: Cursor, event: DispatchEvent): void {
    if (event.id <= cursor.last) return;
    cursor.last = event.id;
    if (event.type === 'run.settled') cursor.settled = true;
    options.deliver(event);
  }

  async function pump(runId: string, cursor: Cursor): Promise<void> {
    if (cursor.reading) {
      cursor.again = true;
      return;
    }
    cursor.reading = true;
    try {
      do {
        cursor.again = false;
        for (let full = true; full && !closed;) {
          const page = await store.readPage(runId, cursor.last, PAGE);
          for (const event of page.events) deliver(cursor, event);
          cursor.last = Math.max(cursor.last, page.lastId);
          full = page.full;
        }
      } while (cursor.again && !closed);
    } catch (error) {
      if (!closed) options.log(`reading events of run ${runId}: ${(error as Error).message}`);
    } finally {
      cursor.reading = false;
    }
  }

  /** A run first heard of mid-way is followed from the notified events on; its earlier ones are in `replay`. */
  function cursorFor(runId: string, first: number): Cursor {
    let cursor = cursors.get(runId);
    if (!cursor) {
      cursor = { last: first - 1, reading: false, again: false, settled: false };
      cursors.set(runId, cursor);
    }
    return cursor;
  }

  function onNotice(message: string): void {
    const notice = parseNotice(message);
    if (!notice) return;
    const cursor = cursorFor(notice.runId, notice.first);
    if (notice.last <= cursor.last) return;
    const whole = notice.lines.length === notice.last - notice.first + 1;
    const wanted = options.wanted ?? (() => true);
    const events = whole ? notice.lines.filter((line) => wanted(line)).map((line) => parseEvent(line)) : [];
    if (cursor.reading || notice.first > cursor.last + 1 || !whole || events.includes(null)) {
      void pump(notice.runId, cursor);
      return;
    }
    for (const event of events) if (event) deliver(cursor, event);
    cursor.last = notice.last;
  }

  async function catchUp(): Promise<void> {
    const active = new Set(await store.activeRuns());
    for (const runId of active) void pump(runId, cursorFor(runId, 1));
    for (const [runId, cursor] of cursors.entries())
      if (!cursor.settled && !active.has(runId)) void pump(runId, cursor);
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
