/** Bundles `entryPoints` with the engine into `outdir` (see bundle.mjs); returns the sources it was made from. */
export function bundleEngine(options: {
  entryPoints: Record<string, string>;
  absWorkingDir: string;
  outdir: string;
}): Promise<string[]>;
/** Writes `dir`/BUILT stamped with `started`, the time the build began. */
export function stampBuilt(dir: string, started: Date): void;
