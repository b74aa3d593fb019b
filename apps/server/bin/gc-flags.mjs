// Garbage-collector settings for Fireflow's processes, which hold many sockets and short-lived objects at once.
// V8's defaults let the heap grow up to 4x between full collections and keep 16 MB semi-spaces: with 10,000
// Stripe calls in flight that was ~160 MB of garbage not yet collected (peak RSS 480 MB, against 330-380 MB with
// these; see docs/benchmarks.md). The cost is more, smaller collections: within noise on the HTTP benchmark.
//
// `fireflow worker` keeps V8's semi-spaces. It never holds more than its concurrency's worth of work (the rest waits
// in Redis), and there the small semi-spaces cost ~0.17 ms of CPU per flow, a sixth of the worker's.
import v8 from 'node:v8';

export const GC_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=20'];
export const WORKER_GC_FLAGS = ['--heap-growing-percent=20'];

/**
 * Sets the GC flags of `command` (`fireflow`'s first argument) on this process, except any the user already set on
 * the command line or in NODE_OPTIONS.
 */
export function applyGcFlags(command) {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  for (const flag of command === 'worker' ? WORKER_GC_FLAGS : GC_FLAGS) {
    const name = flag.split('=')[0];
    if (!given.some((arg) => arg.startsWith(name) || arg.startsWith(name.replace(/-/g, '_'))))
      v8.setFlagsFromString(flag);
  }
}
