import { describe, expect, it } from 'vitest';
import { watchPoolHealth } from './pool-health.ts';

describe('watchPoolHealth', () => {
  it('logs each thread that could not be started again once, and counts them', () => {
    const stats = { running: [0], burst: [], queued: 0, hardStops: 0, spawnFailures: 0 };
    const logged: string[] = [];
    const health = watchPoolHealth({ stats: () => stats }, (message) => logged.push(message), 60_000);
    health.check();
    expect(logged).toEqual([]);
    stats.spawnFailures = 1;
    health.check();
    health.check();
    expect(logged).toEqual(['1 sandbox thread(s) could not be started again; 1 left in the pool']);
    expect(health.spawnFailures()).toBe(1);
    health.close();
  });
});
