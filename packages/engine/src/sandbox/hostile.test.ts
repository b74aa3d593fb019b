import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxPool, type SandboxPool } from './pool.ts';
import { failure, messages, task } from './test-fixtures/tasks.ts';
import { DEFAULT_LIMITS } from './types.ts';

/** Scripts that dodge QuickJS's interrupt handler, which only the pool's hard stop can end. */
const HOSTILE = {
  'catches its own stack overflows': 'function f() { try { f() } catch (e) { f() } }\nf()',
  'counts while catching its stack overflows': 'let n = 0;\nfunction f() { n++; try { f() } catch (e) { f() } }\nf()',
  'queues a promise job from each promise job': 'const loop = () => Promise.resolve().then(loop);\nloop()',
};
/**
 * SPEC §2: terminated 250 ms past the CPU limit; the rest is room for a busy machine's timers. Left to the
 * interrupt handler alone, the first of these runs ~6 s on this machine.
 */
const STOPPED_WITHIN_MS = DEFAULT_LIMITS.cpuMs + 250 + 1750;

describe('scripts that dodge the interrupt handler', () => {
  let pool: SandboxPool;
  beforeAll(async () => {
    pool = await createSandboxPool({ threads: 2 });
  });
  afterAll(() => pool.close());

  it.each(Object.entries(HOSTILE))('a script that %s fails with SCRIPT_TIMEOUT, on time', async (_name, source) => {
    const result = await pool.run(task(source));
    expect(failure(result)).toMatchObject({ code: 'SCRIPT_TIMEOUT', file: 'main.js' });
    expect(result.duration_ms).toBeLessThan(STOPPED_WITHIN_MS);
    expect(messages(await pool.run(task('print("next")')))).toEqual(['next']);
  });

  it('does not hold up an ordinary run while four of them run', async () => {
    await pool.warm(); // the threads stopped above are replaced, and the spares are up
    const before = pool.stats().hardStops;
    const sources = Object.values(HOSTILE);
    const hostile = [0, 1, 2, 3].map((i) => pool.run(task(sources[i % sources.length]!)));
    const started = performance.now();
    const ordinary = await pool.run(task('print("ordinary")'));
    const waited = performance.now() - started;
    expect(messages(ordinary)).toEqual(['ordinary']);
    expect(waited).toBeLessThan(1000);
    const results = await Promise.all(hostile);
    expect(results.map((result) => failure(result).code)).toEqual(Array(4).fill('SCRIPT_TIMEOUT'));
    expect(pool.stats().hardStops).toBeGreaterThan(before);
  });
});
