// The bench's engine process runs compiled JavaScript, as `fireflow` does (apps/server/dist), not TypeScript
// through tsx: from source, every sandbox worker thread registers tsx too, and the engine's memory is the measure.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleEngine, stampBuilt } from '../apps/server/scripts/bundle.mjs';
import { ROOT } from './util.ts';

// The build's bare imports (the engine's dependencies, QuickJS's wasm file) resolve from where it sits: under the
// server, whose node_modules holds them, as they do for apps/server/dist.
const OUT = path.join(ROOT, 'apps/server/node_modules/.cache/fireflow-bench');
const STAMP = path.join(OUT, 'BUILT');
const SOURCES = path.join(OUT, 'sources.json');

function isFresh(): boolean {
  const built = statSync(STAMP, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return false;
  const sources = JSON.parse(readFileSync(SOURCES, 'utf8')) as string[];
  return sources.every((source) => (statSync(source, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) <= built);
}

/** bench/inflight.ts built to JavaScript (again when any of its sources is newer than the build): its path. */
export async function compiledInflight(): Promise<string> {
  if (!isFresh()) {
    const started = new Date();
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const sources = await bundleEngine({
      entryPoints: { inflight: 'bench/inflight.ts' },
      absWorkingDir: ROOT,
      outdir: OUT,
    });
    writeFileSync(SOURCES, JSON.stringify(sources));
    stampBuilt(OUT, started);
  }
  return path.join(OUT, 'inflight.js');
}
