import type { DispatchEvent, EventOf } from '@fireflow/protocol';
import { createLru } from './lru.ts';
import type { RunStore } from './run-store.ts';

type Settled = EventOf<'run.settled'>;

export interface SettleWaiters {
  /** Every event the feed delivers passes through here. */
  offer(event: DispatchEvent): void;
  /** Resolves on the run's `run.settled`: from the feed, or from Redis if it settled before the call. */
  wait(runId: string): Promise<Settled>;
}

export function createSettleWaiters(store: RunStore): SettleWaiters {
  const recent = createLru<string, Settled>(1_000);
  const waiting = new Map<string, Array<{ resolve: (event: Settled) => void; reject: (error: Error) => void }>>();

  function settle(event: Settled): void {
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
    wait(runId) {
      const known = recent.get(runId);
      if (known) return Promise.resolve(known);
      return new Promise<Settled>((resolve, reject) => {
        // Listen first, then look: a settlement landing in between is caught by one or the other.
        waiting.set(runId, [...(waiting.get(runId) ?? []), { resolve, reject }]);
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
