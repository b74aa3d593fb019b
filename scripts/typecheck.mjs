// `pnpm typecheck`: type-checks every project with its own tsconfig (each package has its own settings, e.g. the
// web app's DOM and JSX), one after the other; stops at the first that fails.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PROJECTS = [
  'packages/protocol',
  'packages/stripe-mock',
  'packages/engine',
  'apps/server',
  'apps/web',
  'e2e',
  'bench',
];

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

for (const project of PROJECTS) {
  process.stdout.write(`type-check ${project}\n`);
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
}
