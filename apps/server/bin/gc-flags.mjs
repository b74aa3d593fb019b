// Garbage-collector settings for Fireflow's processes, which hold many sockets and short-lived objects at once.
// V8's defaults let the heap grow up to 4x between full collections and keep 16 MB semi-spaces: with 10,000
// Stripe calls in flight that was ~160 MB of garbage not yet collected (peak RSS 480 MB, against 330-380 MB with
// these; see docs/benchmarks.md). The cost is more, smaller collections: within noise on the HTTP benchmark.
//
// Only a process that runs the engine itself can have 10,000 calls in flight. Where work waits in Redis (`fireflow
// worker`, or a server or run given a Redis URL), a process holds no more than its concurrency's worth, and the
// small semi-spaces cost a worker ~0.17 ms of CPU per flow (a sixth of its CPU) and the server ~0.05 ms: those keep
// V8's semi-spaces.
import v8 from 'node:v8';

export const GC_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=20'];
export const REDIS_MODE_GC_FLAGS = ['--heap-growing-percent=20'];

/** The GC flags for `fireflow <args>` with the environment `env`. */
export function gcFlagsFor(args, env) {
  const redis =
    args[0] === 'worker' ||
    Boolean(env.REDIS_URL) ||
    args.some((arg) => arg === '--redis' || arg.startsWith('--redis='));
  return redis ? REDIS_MODE_GC_FLAGS : GC_FLAGS;
}

/** Sets `flags` on this process, except any the user already set on the command line or in NODE_OPTIONS. */
export function applyGcFlags(flags = GC_FLAGS) {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  for (const flag of flags) {
    const name = flag.split('=')[0];
    if (!given.some((arg) => arg.startsWith(name) || arg.startsWith(name.replace(/-/g, '_'))))
      v8.setFlagsFromString(flag);
  }
}
