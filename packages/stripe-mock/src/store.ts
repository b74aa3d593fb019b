import type { ResourceKind } from './validate/schema.ts';

/**
 * Objects as the JSON text they were answered with, so a retrieve is a map lookup and a long
 * benchmark holds strings rather than object graphs. Past `limit` per kind the oldest are forgotten.
 */
export interface ObjectStore {
  put(kind: ResourceKind, id: string, json: string): void;
  json(kind: ResourceKind, id: string): string | undefined;
  clear(): void;
}

export function createObjectStore(limit = 250_000): ObjectStore {
  const byKind = new Map<ResourceKind, Map<string, string>>();
  const mapOf = (kind: ResourceKind) => {
    let map = byKind.get(kind);
    if (!map) byKind.set(kind, (map = new Map()));
    return map;
  };
  return {
    put(kind, id, json) {
      const map = mapOf(kind);
      map.set(id, json);
      if (map.size > limit) map.delete(map.keys().next().value as string);
    },
    json: (kind, id) => byKind.get(kind)?.get(id),
    clear: () => byKind.clear(),
  };
}
