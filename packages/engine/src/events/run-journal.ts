import type { DispatchEvent } from '@fireflow/protocol';

/** One event as journals hold it: the object, and its JSON text made at most once and shared by every reader. */
export class JournalEntry {
  readonly event: DispatchEvent;
  /** The journal that took it: a reader (the server's history) can hold that journal instead of copying it. */
  readonly journal: RunJournal | null;
  private text: string | undefined;

  /** `json`: the text the event arrived as (a Redis notice, a history line), if it has one. */
  constructor(event: DispatchEvent, journal: RunJournal | null = null, json?: string) {
    this.event = event;
    this.journal = journal;
    this.text = json;
  }

  /** The event's JSON, made at most once and kept: every later reader (SSE frames) writes this same string. */
  get json(): string {
    return (this.text ??= JSON.stringify(this.event));
  }

  /**
   * The event's JSON for a reader that may be its only one (a history line): the kept text if there is one,
   * else made for this use and not kept. Text held by every entry of every run costs the garbage collector more
   * than it saves when nobody else reads it.
   */
  get jsonOnce(): string {
    return this.text ?? JSON.stringify(this.event);
  }

  /** Makes and keeps the JSON now, for readers known to come (streams open on the run). */
  keepJson(): void {
    this.text ??= JSON.stringify(this.event);
  }

  /** Log text is the only part of an event that can be large. */
  get weight(): number {
    return this.event.type === 'execution.log' ? this.event.message.length : 0;
  }
}

export interface JournalLimits {
  /** Entries kept, newest (a Redis run stream keeps as many). */
  maxEvents: number;
  /** ...and at most about this much log text, so big log lines cannot pile up. */
  maxWeight: number;
}

export const DEFAULT_JOURNAL_LIMITS: JournalLimits = { maxEvents: 10_000, maxWeight: 8 * 1024 * 1024 };

/** Entries in the order they came, the newest kept within count and log-text bounds. */
export class EntryWindow {
  private list: JournalEntry[] = [];
  private weight = 0;
  private readonly maxEvents: number;
  private readonly maxWeight: number;
  /** The newest entry trimmed so far: everything up to it may be gone. */
  lastTrimmed: JournalEntry | undefined;

  constructor(limits: Partial<JournalLimits> = {}) {
    this.maxEvents = limits.maxEvents ?? DEFAULT_JOURNAL_LIMITS.maxEvents;
    this.maxWeight = limits.maxWeight ?? DEFAULT_JOURNAL_LIMITS.maxWeight;
  }

  get entries(): readonly JournalEntry[] {
    return this.list;
  }

  push(entry: JournalEntry): void {
    this.list.push(entry);
    this.weight += entry.weight;
    // Trimmed in chunks, so the cost per entry stays O(1).
    if (this.list.length > this.maxEvents * 1.5 || this.weight > this.maxWeight * 1.5) this.trim();
  }

  private trim(): void {
    const byCount = this.list.length - this.maxEvents;
    let cut = 0;
    while (cut < this.list.length && (cut < byCount || this.weight > this.maxWeight)) {
      this.weight -= (this.list[cut] as JournalEntry).weight;
      cut += 1;
    }
    this.lastTrimmed = this.list[cut - 1] ?? this.lastTrimmed;
    this.list = this.list.slice(cut);
  }
}

/**
 * The one dedupe rule for a run's events: ids only go up, so a repeat or an older id is refused. Journals keep
 * one per run; an event stream keeps one per run it sends, as its client's place in that run.
 */
export class RunPosition {
  private last: number;

  constructor(afterId = 0) {
    this.last = afterId;
  }

  get lastId(): number {
    return this.last;
  }

  /** True, and moves here, for a newer id; false for a repeat or an older one. */
  advance(id: number): boolean {
    if (id <= this.last) return false;
    this.last = id;
    return true;
  }
}

/**
 * One run's events in id order, each with its JSON made once. The one dedupe rule for events lives here: a run's
 * ids only go up, so a repeat or an older id is dropped. Keeps the newest events within its limits.
 */
export class RunJournal extends EntryWindow {
  readonly runId: string;
  private readonly position: RunPosition;

  /** `afterId`: a run followed from mid-way counts the ids up to it as seen. */
  constructor(runId: string, limits: Partial<JournalLimits> = {}, afterId = 0) {
    super(limits);
    this.runId = runId;
    this.position = new RunPosition(afterId);
  }

  /** Id of the newest event seen (kept or skipped). */
  get lastId(): number {
    return this.position.lastId;
  }

  /** The entry made for a new event, or null for a repeat or an older id. */
  append(event: DispatchEvent, json?: string): JournalEntry | null {
    if (!this.position.advance(event.id)) return null;
    const entry = new JournalEntry(event, this, json);
    this.push(entry);
    return entry;
  }

  /** Counts ids up to `id` as seen without keeping them (events skipped unread, with nobody to read them). */
  skipTo(id: number): void {
    this.position.advance(id);
  }

  /** Whether every event it took with `id > afterId` is still kept (none trimmed for its bounds). */
  holdsAllAfter(afterId: number): boolean {
    return (this.lastTrimmed?.event.id ?? 0) <= afterId;
  }

  /** Kept entries with `id > afterId`, oldest first. */
  after(afterId: number): JournalEntry[] {
    const list = this.entries;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((list[middle] as JournalEntry).event.id <= afterId) low = middle + 1;
      else high = middle;
    }
    return list.slice(low);
  }
}
