import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const webDir = path.join(repo, 'apps/web');
const PORT = Number(process.env.E2E_PORT ?? 5199);
/** Point the suite at a server you started yourself; otherwise it starts the real one. */
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${PORT}`;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The server serves apps/web/dist and checks for it once at start-up, so the build has to exist before the
 * webServer starts — i.e. here, when the runner loads this config (workers load it too and skip this).
 */
function ensureWebBuild() {
  if (process.env.TEST_WORKER_INDEX !== undefined || process.env.E2E_SKIP_BUILD) return;
  const index = path.join(webDir, 'dist/index.html');
  const sources = Math.max(newestMtime(path.join(webDir, 'src')), statSync(path.join(webDir, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('pnpm', ['--filter', '@fireflow/web', 'build'], { cwd: repo, stdio: 'inherit' });
}

/** One scratch folder per test session, shared with the workers through the environment. */
function scratchDirs() {
  if (!process.env.FIREFLOW_E2E_DIR)
    process.env.FIREFLOW_E2E_DIR = mkdtempSync(path.join(os.tmpdir(), 'fireflow-e2e-'));
  const root = process.env.FIREFLOW_E2E_DIR;
  const flows = path.join(root, 'flows');
  const data = path.join(root, 'data');
  mkdirSync(flows, { recursive: true });
  mkdirSync(data, { recursive: true });
  process.env.FIREFLOW_E2E_FLOWS = flows;
  return { flows, data };
}

if (!external) ensureWebBuild();
const dirs = scratchDirs();
const bin = path.join(repo, 'apps/server/bin/fireflow.mjs');
if (!external && !existsSync(bin))
  throw new Error(`e2e: ${bin} does not exist yet; the server is needed to run the suite.`);

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: external
    ? undefined
    : {
        command: `node ${JSON.stringify(bin)} serve --port ${PORT} --host 127.0.0.1 --flows ${JSON.stringify(dirs.flows)}`,
        cwd: repo,
        env: { FIREFLOW_DATA_DIR: dirs.data, FIREFLOW_FLOWS_DIR: dirs.flows },
        url: `${baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
