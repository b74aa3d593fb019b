// `pnpm test`: system dependencies → type-check every package → unit and integration tests → browser tests.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const PROJECTS = ['packages/protocol', 'packages/stripe-mock', 'packages/engine', 'apps/server', 'apps/web', 'e2e', 'bench'];

function step(title, command, args, options = {}) {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    process.stdout.write(`\n${title} failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status || 1);
  }
}

const only = process.argv[2];
step('system dependencies', 'bash', ['scripts/ensure-system-deps.sh']);
for (const project of PROJECTS) step(`type-check ${project}`, 'npx', ['tsc', '--noEmit', '-p', project]);
step('lint (eslint)', 'npx', ['eslint', '.']);
if (only !== 'e2e') step('unit and integration tests (vitest)', 'npx', ['vitest', 'run']);
if (only !== 'unit') step('browser tests (playwright)', 'node', ['scripts/e2e.mjs']);
