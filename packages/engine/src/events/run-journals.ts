import type { DispatchEvent, EventOf } from '@fireflow/protocol';
import { RunJournal, type JournalEntry, type JournalLimits } from './run-journal.ts';

export interface RunJournalsOptions extends Partial<JournalLimits> {
  /** Settled runs remembered, oldest forgotten first; only their `run.settled` stays, not their events. */
  keepSettled?: number;
  /**
   * Runs followed at once (default: no bound). A producer that hears of other servers' runs mid-way may never see
   * some of them settle; past this many the oldest opened is forgotten, and followed again from its next event.
   */
  maxGoing?: number;
}

/**
 * A dispatcher's journals: one per run still going, and the `run.settled` of recently settled runs (enough to
 * answer "has it settled?" and to drop a late repeat of any of their events).
 */
export class RunJournals {
  private readonly limits: Partial<JournalLimits>;
  private readonly keepSettled: number;
  private readonly maxGoing: number;
  private readonly going = new Map<string, RunJournal>();
  /** Oldest first (a Map keeps insertion order). */
  private readonly settledRuns = new Map<string, EventOf<'run.settled'>>();

  constructor(options: RunJournalsOptions = {}) {
    const { keepSettled, maxGoing, ...limits } = options;
    this.limits = limits;
    this.keepSettled = keepSettled ?? 200;
    this.maxGoing = maxGoing ?? Number.POSITIVE_INFINITY;
  }

  /** The entry made for a new event, or null for an event already seen (the rule is RunJournal's). */
  append(event: DispatchEvent, json?: string): JournalEntry | null {
    const journal = this.follow(event.run_id);
    const entry = journal?.append(event, json) ?? null;
    if (entry && event.type === 'run.settled') this.settle(event);
    return entry;
  }

  /**
   * The journal of a run still going, opened if new (`afterId`: heard of mid-way, ids up to it count as seen);
   * null once the run has settled.
   */
  follow(runId: string, afterId = 0): RunJournal | null {
    const journal = this.going.get(runId);
    if (journal) return journal;
    if (this.settledRuns.has(runId)) return null;
    const opened = new RunJournal(runId, this.limits, afterId);
    this.going.set(runId, opened);
    if (this.going.size > this.maxGoing) this.going.delete(this.going.keys().next().value as string);
    return opened;
  }

  private settle(event: EventOf<'run.settled'>): void {
    this.going.delete(event.run_id);
    this.settledRuns.set(event.run_id, event);
    for (const oldest of this.settledRuns.keys()) {
      if (this.settledRuns.size <= this.keepSettled) break;
      this.settledRuns.delete(oldest);
    }
  }

  journal(runId: string): RunJournal | undefined {
    return this.going.get(runId);
  }

  settled(runId: string): EventOf<'run.settled'> | undefined {
    return this.settledRuns.get(runId);
  }

  /** Id of the newest event seen of the run; 0 for a run not known here. */
  lastId(runId: string): number {
    return this.going.get(runId)?.lastId ?? this.settledRuns.get(runId)?.id ?? 0;
  }

  /** Kept events of a run still going with `id > afterId`; none once it has settled (its history has them). */
  after(runId: string, afterId: number): JournalEntry[] {
    return this.going.get(runId)?.after(afterId) ?? [];
  }

  /** Runs still going. */
  goingRunIds(): string[] {
    return [...this.going.keys()];
  }
}
