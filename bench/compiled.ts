// The bench's engine processes run compiled JavaScript, as `fireflow` does (apps/server/dist), not TypeScript
// through tsx: from source, every sandbox worker thread registers tsx too, and tsx's transform adds work of its
// own to every execution; the engine's memory and CPU time are the measures.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** The programs the bench runs compiled, by name. */
const ENTRIES = {
  inflight: 'bench/inflight.ts',
  'bench-sandbox': 'packages/engine/src/sandbox/bench-sandbox.ts',
  'redis-bench': 'packages/engine/src/redis/bench/redis-bench.ts',
} as const;

/** One of ENTRIES built to JavaScript (all again when any of their sources is newer than the build): its path. */
export async function compiled(entry: keyof typeof ENTRIES): Promise<string> {
  const built = path.join(OUT, `${entry}.js`);
  if (!isFresh() || !existsSync(built)) {
    const started = new Date();
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const sources = await bundleEngine({ entryPoints: ENTRIES, absWorkingDir: ROOT, outdir: OUT });
    writeFileSync(SOURCES, JSON.stringify(sources));
    stampBuilt(OUT, started);
  }
  return built;
}
