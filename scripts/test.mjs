// `pnpm test`: system dependencies → type-check → lint → format check → unit tests → integration tests (Redis,
// CLI processes, servers) → browser tests. Stops at the first step that fails. `node scripts/test.mjs <step>…`
// runs only the named steps, e.g. `node scripts/test.mjs lint format`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const STEPS = [
  ['deps', 'system dependencies (redis-server, chromium)', 'bash', ['scripts/ensure-system-deps.sh']],
  ['typecheck', 'type-check every project', 'node', ['scripts/typecheck.mjs']],
  ['lint', 'lint (eslint)', 'npx', ['eslint', '.']],
  [
    'format',
    'formatting (prettier --check; `pnpm format` fixes it)',
    'npx',
    ['prettier', '--check', '--log-level', 'warn', '.'],
  ],
  ['unit', 'unit tests (vitest, project unit)', 'npx', ['vitest', 'run', '--project', 'unit']],
  [
    'integration',
    'integration tests (vitest, project integration)',
    'npx',
    ['vitest', 'run', '--project', 'integration'],
  ],
  ['e2e', 'browser tests (playwright)', 'node', ['scripts/e2e.mjs']],
];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !STEPS.some(([id]) => id === name));
if (unknown.length > 0) {
  process.stderr.write(`unknown step ${unknown.join(', ')}; steps: ${STEPS.map(([id]) => id).join(', ')}\n`);
  process.exit(2);
}

for (const [id, title, command, args] of STEPS) {
  if (only.length > 0 && !only.includes(id)) continue;
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stdout.write(`\n${title} failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status || 1);
  }
}
