// Builds the server (the `fireflow` CLI and everything it runs) into apps/server/dist as plain JavaScript, so a
// running server neither compiles TypeScript nor starts esbuild. The workspace packages are bundled in; every
// other package stays an import of node_modules. `bin/fireflow.mjs` runs this when a source is newer than the build.
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEngine, stampBuilt } from './bundle.mjs';

const server = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(server, 'dist');

const lockFile = path.join(server, '.dist-lock');
const STALE_LOCK_MS = 120_000;

/**
 * One build at a time: two `fireflow` commands started together on a stale build would otherwise each replace
 * dist's folders under the other (a rename onto a folder the other just filled fails). A lock older than any
 * build is one a killed build left behind, and is taken over.
 */
function lock() {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (const deadline = Date.now() + STALE_LOCK_MS; ;) {
    try {
      return openSync(lockFile, 'wx');
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const age = Date.now() - (statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_LOCK_MS) rmSync(lockFile, { force: true });
    else if (Date.now() > deadline) throw new Error(`another build still holds ${lockFile}`);
    else Atomics.wait(nap, 0, 0, 100);
  }
}

const held = lock();
const started = new Date();
// Built in a fresh folder, then renamed into dist file by file (each rename atomic), then older builds' files go.
const staging = mkdtempSync(path.join(server, '.dist-'));
try {
  await bundleEngine({
    entryPoints: { main: 'src/cli/main.ts', pipe: 'src/cli/pipe.ts' },
    absWorkingDir: server,
    outdir: staging,
  });
  mkdirSync(dist, { recursive: true });
  const built = new Set(readdirSync(staging));
  for (const name of built) {
    rmSync(path.join(dist, name), { recursive: true, force: true });
    renameSync(path.join(staging, name), path.join(dist, name));
  }
  for (const name of readdirSync(dist)) {
    if (!built.has(name) && name !== 'BUILT') rmSync(path.join(dist, name), { recursive: true, force: true });
  }
  stampBuilt(dist, started);
} finally {
  rmSync(staging, { recursive: true, force: true });
  closeSync(held);
  rmSync(lockFile, { force: true });
}
