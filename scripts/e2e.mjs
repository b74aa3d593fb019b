// `pnpm test:e2e`: builds the web app for production, then runs Playwright in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
for (const [command, args, cwd] of [
  ['pnpm', ['--filter', '@fireflow/web', 'build'], root],
  ['npx', ['playwright', 'test', '-c', 'playwright.config.ts'], path.join(root, 'e2e')],
]) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
}
