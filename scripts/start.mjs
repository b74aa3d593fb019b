// `pnpm start`: builds the web app when its sources are newer than the build (`fireflow` does the same for the
// server), then serves everything in one process on the embedded defaults (in-process dispatcher, built-in
// Stripe mock, ./flows).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { serveArgs } from './start-args.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const web = path.join(root, 'apps/web');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const built = path.join(web, 'dist/index.html');
if (!existsSync(built) || newest(path.join(web, 'src')) > statSync(built).mtimeMs) {
  console.log('Building the web app (once; again only when its sources change)…');
  const build = spawnSync('pnpm', ['--filter', '@fireflow/web', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status || 1);
}
const server = spawn(
  process.execPath,
  [path.join(root, 'apps/server/bin/fireflow.mjs'), 'serve', ...serveArgs(process.argv.slice(2))],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
