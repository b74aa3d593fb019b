import type { StripeMockCounters } from './types.ts';

export interface Counters {
  request(route: string): void;
  keyed(key: string): void;
  created(key: string): void;
  snapshot(): StripeMockCounters;
  reset(): void;
}

/** Plain maps updated per request; snapshot() copies them into the public shape. */
export function createCounters(): Counters {
  let requests = 0;
  let byPath = new Map<string, number>();
  let byKey = new Map<string, { requests: number; created: number }>();
  const entry = (key: string) => {
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = { requests: 0, created: 0 }));
    return found;
  };
  return {
    request(route) {
      requests += 1;
      byPath.set(route, (byPath.get(route) ?? 0) + 1);
    },
    keyed: (key) => void (entry(key).requests += 1),
    created: (key) => void (entry(key).created += 1),
    snapshot: () => ({
      requests,
      byPath: Object.fromEntries(byPath),
      byIdempotencyKey: Object.fromEntries([...byKey].map(([key, value]) => [key, { ...value }])),
    }),
    reset() {
      requests = 0;
      byPath = new Map();
      byKey = new Map();
    },
  };
}
