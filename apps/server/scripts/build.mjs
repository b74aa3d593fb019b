// Builds the server (the `fireflow` CLI and everything it runs) into apps/server/dist as plain JavaScript, so a
// running server neither compiles TypeScript nor starts esbuild. The workspace packages are bundled in; every
// other package stays an import of node_modules. `bin/fireflow.mjs` runs this when a source is newer than the build.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const server = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(server, 'dist');
const engineSandbox = path.resolve(server, '../../packages/engine/src/sandbox');

/** Bare imports stay imports, except the workspace's own packages, which are TypeScript sources. */
const externalPackages = {
  name: 'external-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@fireflow/') ? undefined : { path: args.path, external: true },
    );
  },
};

const withoutTsx = {
  name: 'without-tsx',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^tsx\// }, (args) => ({ path: args.path, namespace: 'without-tsx' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'without-tsx' }, () => ({
      contents: 'exports.register = () => {};',
    }));
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', plugins: [externalPackages] };

// A source saved while this runs is newer than the build: the stamp takes the time the build started.
const started = new Date();
// Built in a fresh folder, then renamed into dist file by file (each rename atomic), then older builds' files go.
const staging = mkdtempSync(path.join(server, '.dist-'));
try {
  await build({
    ...common,
    entryPoints: { main: 'src/cli/main.ts', pipe: 'src/cli/pipe.ts' },
    absWorkingDir: server,
    outdir: staging,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
  });
  // The sandbox pool starts `pool-worker.cjs` next to its own module: in the build, next to the chunks. The entry
  // registers tsx to require TypeScript; built, there is none to compile, so that registration is a no-op.
  await build({
    ...common,
    entryPoints: [path.join(engineSandbox, 'pool-worker.cjs')],
    outfile: path.join(staging, 'pool-worker.cjs'),
    format: 'cjs',
    plugins: [withoutTsx, externalPackages],
    // CommonJS has no import.meta; the worker finds QuickJS's wasm file relative to its own module.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  // The sandbox reads its realm sources (JavaScript evaluated inside QuickJS) next to its own module.
  cpSync(path.join(engineSandbox, 'realm'), path.join(staging, 'realm'), { recursive: true });
  mkdirSync(dist, { recursive: true });
  const built = new Set(readdirSync(staging));
  for (const name of built) {
    rmSync(path.join(dist, name), { recursive: true, force: true });
    renameSync(path.join(staging, name), path.join(dist, name));
  }
  for (const name of readdirSync(dist)) {
    if (!built.has(name) && name !== 'BUILT') rmSync(path.join(dist, name), { recursive: true, force: true });
  }
  writeFileSync(path.join(dist, 'BUILT'), `${started.toISOString()}\n`);
  utimesSync(path.join(dist, 'BUILT'), started, started);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
