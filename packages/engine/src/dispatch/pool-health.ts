import type { SandboxPool } from '../sandbox/index.ts';

/** How often a pool is asked whether it lost threads it could not replace. */
const CHECK_MS = 5_000;

export interface PoolHealth {
  /** Pool threads that died and could not be started again, since the pool started. */
  spawnFailures(): number;
  /** Looks now (the timer calls this); logs each new failure once. */
  check(): void;
  close(): void;
}

/**
 * A pool thread that cannot be respawned leaves the pool smaller, or empty, without a word: say so in the log, and
 * keep the count for `/api/health`.
 */
export function watchPoolHealth(
  pool: Pick<SandboxPool, 'stats'>,
  log: (message: string) => void,
  intervalMs = CHECK_MS,
): PoolHealth {
  let reported = 0;
  const check = () => {
    const { spawnFailures, running, burst } = pool.stats();
    if (spawnFailures <= reported) return;
    const threads = running.length + burst.length;
    log(`${spawnFailures - reported} sandbox thread(s) could not be started again; ${threads} left in the pool`);
    reported = spawnFailures;
  };
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return {
    spawnFailures: () => pool.stats().spawnFailures,
    check,
    close: () => clearInterval(timer),
  };
}
