import type { DispatchEvent, EventOf } from '@fireflow/protocol';
import { createLru } from './lru.ts';
import type { RunStore } from './run-store.ts';

type Settled = EventOf<'run.settled'>;

export interface SettleWaiters {
  /** Every event the feed delivers passes through here. */
  offer(event: DispatchEvent): void;
  /**
   * A run this process started, stored before any of its events could be announced: the feed is bound to deliver
   * its `run.settled`, so waiting for it needs no look in Redis.
   */
  startedHere(runId: string): void;
  /** A run `startedHere` whose entry execution could not be queued after all. */
  notQueued(runId: string): void;
  /** Resolves on the run's `run.settled`: from the feed, or from Redis if it settled before the call. */
  wait(runId: string): Promise<Settled>;
}

export function createSettleWaiters(store: RunStore): SettleWaiters {
  const recent = createLru<string, Settled>(1_000);
  const ours = new Set<string>();
  const waiting = new Map<string, Array<{ resolve: (event: Settled) => void; reject: (error: Error) => void }>>();

  function settle(event: Settled): void {
    ours.delete(event.run_id);
    recent.set(event.run_id, event);
    for (const waiter of waiting.get(event.run_id) ?? []) waiter.resolve(event);
    waiting.delete(event.run_id);
  }

  function fail(runId: string, error: Error): void {
    for (const waiter of waiting.get(runId) ?? []) waiter.reject(error);
    waiting.delete(runId);
  }

  return {
    offer(event) {
      if (event.type === 'run.settled') settle(event);
    },
    startedHere: (runId) => void ours.add(runId),
    notQueued: (runId) => void ours.delete(runId),
    wait(runId) {
      const known = recent.get(runId);
      if (known) return Promise.resolve(known);
      return new Promise<Settled>((resolve, reject) => {
        // Listen first, then look: a settlement landing in between is caught by one or the other.
        waiting.set(runId, [...(waiting.get(runId) ?? []), { resolve, reject }]);
        if (ours.has(runId)) return;
        store.settledEvent(runId).then(
          (stored) => {
            if (stored) settle(stored);
            else if (stored === undefined) fail(runId, new Error(`unknown run ${runId}`));
          },
          // Only a closed connection rejects (commands wait out a Redis restart); the feed may still deliver.
          () => undefined,
        );
      });
    },
  };
}
