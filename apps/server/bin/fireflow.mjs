#!/usr/bin/env node
// The `fireflow` command. It runs the build in ../dist (plain JavaScript), built first when any source is newer,
// like `pnpm start` does for the web app; FIREFLOW_FROM_SOURCE=1 runs the TypeScript sources through tsx instead.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyGcFlags, gcFlagsFor } from './gc-flags.mjs';

const server = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = [
  'src',
  'package.json',
  'scripts',
  '../../packages/engine/src',
  '../../packages/protocol/src',
  '../../packages/stripe-mock/src',
];

function newest(file) {
  const stat = statSync(new URL(file, `file://${server}`), { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return stat?.mtimeMs ?? 0;
  let latest = 0;
  for (const entry of readdirSync(new URL(file, `file://${server}`)))
    latest = Math.max(latest, newest(`${file}/${entry}`));
  return latest;
}

function ensureBuilt() {
  const built = statSync(new URL('dist/BUILT', `file://${server}`), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (Math.max(...SOURCES.map(newest)) <= built) return;
  process.stderr.write('Building the server (once; again only when its sources change)…\n');
  const build = spawnSync(process.execPath, [new URL('scripts/build.mjs', `file://${server}`).pathname], {
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) process.exit(build.status || 1);
}

applyGcFlags(gcFlagsFor(process.argv.slice(2), process.env));
let modules;
if (process.env.FIREFLOW_FROM_SOURCE === '1') {
  (await import('tsx/esm/api')).register();
  modules = [import('../src/cli/main.ts'), import('../src/cli/pipe.ts')];
} else {
  ensureBuilt();
  modules = [import('../dist/main.js'), import('../dist/pipe.js')];
}
const [{ main }, { exitQuietlyOnClosedPipe }] = await Promise.all(modules);
exitQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
// Once the command has returned, nothing it left behind may hold the process open: a Redis client of a library
// (BullMQ's blocking connection) keeps reconnecting to a Redis that is gone, so SIGTERM would never end it.
setTimeout(() => process.exit(), 1_000).unref();
