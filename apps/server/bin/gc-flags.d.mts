/** The V8 flags `fireflow` processes run with (see gc-flags.mjs). */
export const GC_FLAGS: readonly string[];
/** The V8 flags `fireflow worker` runs with: V8's semi-spaces. */
export const WORKER_GC_FLAGS: readonly string[];
/** Sets the GC flags of `command` on this process, except any the user already set on the command line or in NODE_OPTIONS. */
export function applyGcFlags(command?: string): void;
