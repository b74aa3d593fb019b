import { createCounters, type Counters } from './counters.ts';
import { createFaultQueue, type FaultQueue } from './faults.ts';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency.ts';
import { createResources, type Resource } from './resources/registry.ts';
import { SPEC_SUBSET } from './spec.ts';
import { createObjectStore, type ObjectStore } from './store.ts';
import { WebhookHub, type WebhookHubOptions } from './webhooks/hub.ts';

/** Everything one mock instance remembers. Built per instance, so two mocks never share state. */
export interface MockState {
  /** By create path, e.g. `/v1/prices`. */
  routes: ReadonlyMap<string, Resource>;
  store: ObjectStore;
  idempotency: IdempotencyStore;
  faults: FaultQueue;
  counters: Counters;
  settings: { latencyMs: number };
  delay(ms: number): Promise<void>;
  webhooks: WebhookHub;
}

export function createMockState(
  latencyMs: number,
  delay: (ms: number) => Promise<void>,
  webhooks: WebhookHubOptions = {},
): MockState {
  return {
    routes: new Map(createResources(SPEC_SUBSET).map((resource) => [resource.path, resource])),
    store: createObjectStore(),
    idempotency: createIdempotencyStore(),
    faults: createFaultQueue(),
    counters: createCounters(),
    settings: { latencyMs },
    delay,
    webhooks: new WebhookHub(webhooks),
  };
}

/** Forget objects, idempotency records, counters and queued faults; latency stays as configured. */
export function resetMockState(state: MockState): void {
  state.store.clear();
  state.idempotency.clear();
  state.counters.reset();
  state.faults.clear();
}
