/** A small least-recently-used map: flow snapshots by digest in workers, recent settlements for waiters. */
export interface Lru<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): void;
  values(): IterableIterator<V>;
  entries(): IterableIterator<[K, V]>;
  readonly size: number;
}

export function createLru<K, V>(capacity: number): Lru<K, V> {
  const map = new Map<K, V>();
  return {
    get(key) {
      const value = map.get(key);
      if (value !== undefined) {
        map.delete(key);
        map.set(key, value);
      }
      return value;
    },
    set(key, value) {
      map.delete(key);
      map.set(key, value);
      while (map.size > capacity) map.delete(map.keys().next().value as K);
    },
    delete: (key) => void map.delete(key),
    values: () => map.values(),
    entries: () => map.entries(),
    get size() {
      return map.size;
    },
  };
}
