/** The V8 flags of a `fireflow` process that runs the engine itself (see gc-flags.mjs). */
export const GC_FLAGS: readonly string[];
/** The V8 flags of a `fireflow` process whose work waits in Redis: V8's semi-spaces. */
export const REDIS_MODE_GC_FLAGS: readonly string[];
/** The GC flags for `fireflow <args>` with the environment `env`. */
export function gcFlagsFor(args: readonly string[], env: Record<string, string | undefined>): readonly string[];
/** Sets `flags` (default GC_FLAGS) on this process, except any the user already set on the command line or in NODE_OPTIONS. */
export function applyGcFlags(flags?: readonly string[]): void;
