// How the engine is compiled to plain JavaScript for Node: the server's build (build.mjs) and the benchmark's
// engine process (bench/compiled.ts) both go through here, so the bench runs the engine the way it ships.
import { cpSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const engineSandbox = path.resolve(fileURLToPath(import.meta.url), '../../../../packages/engine/src/sandbox');

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

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', metafile: true };

/**
 * Bundles `entryPoints` (ES modules, resolved from `absWorkingDir`) into `outdir`, with what the engine reads next
 * to its own module at run time. The bare imports left in the output resolve from `outdir`, so it must sit where
 * the engine's dependencies are installed. Returns the absolute paths of every source the output was made from.
 */
export async function bundleEngine({ entryPoints, absWorkingDir, outdir }) {
  const main = await build({
    ...common,
    entryPoints,
    absWorkingDir,
    outdir,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    plugins: [externalPackages],
  });
  // The sandbox pool starts `pool-worker.cjs` next to its own module: in the build, next to the chunks. The entry
  // registers tsx to require TypeScript; built, there is none to compile, so that registration is a no-op.
  const worker = await build({
    ...common,
    entryPoints: [path.join(engineSandbox, 'pool-worker.cjs')],
    absWorkingDir,
    outfile: path.join(outdir, 'pool-worker.cjs'),
    format: 'cjs',
    plugins: [withoutTsx, externalPackages],
    // CommonJS has no import.meta; the worker finds QuickJS's wasm file relative to its own module.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  // The sandbox reads its realm sources (JavaScript evaluated inside QuickJS) next to its own module.
  const realm = path.join(engineSandbox, 'realm');
  cpSync(realm, path.join(outdir, 'realm'), { recursive: true });
  const inputs = [main, worker].flatMap((result) => Object.keys(result.metafile.inputs));
  return [
    ...new Set(inputs.filter((input) => !input.includes(':')).map((input) => path.resolve(absWorkingDir, input))),
    ...readdirSync(realm).map((name) => path.join(realm, name)),
    fileURLToPath(import.meta.url),
  ];
}

/**
 * Marks `dir` as built at `started`, the time the build began: a source saved while it ran is then newer than the
 * build, so the next check builds again.
 */
export function stampBuilt(dir, started) {
  const stamp = path.join(dir, 'BUILT');
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
}
