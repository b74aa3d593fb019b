import type { DispatchEventInput, RunCounts } from '@fireflow/protocol';
import { emptyCounts, tallyEvent } from '../dispatch/run-tally.ts';

/**
 * Collects one job's events so they reach Redis in a few round trips instead of one per event, and folds them into
 * count deltas that the run takes only when the job's unit completes (once, however often the job ran).
 */
export interface EventBuffer {
  emit(event: DispatchEventInput): void;
  /** Serialized events not yet handed to Redis; empties the buffer. */
  take(): string[];
  readonly counts: RunCounts;
}

export function createEventBuffer(): EventBuffer {
  const pending: string[] = [];
  const counts = emptyCounts();
  return {
    emit(event) {
      tallyEvent(counts, event);
      pending.push(JSON.stringify(event));
    },
    take: () => pending.splice(0),
    counts,
  };
}
