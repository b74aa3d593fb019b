/** The V8 flags every `fireflow` process runs with (see gc-flags.mjs). */
export const GC_FLAGS: readonly string[];
/** Sets GC_FLAGS on this process, except any the user already set on the command line or in NODE_OPTIONS. */
export function applyGcFlags(): void;
