import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const FIREFLOW_BIN = fileURLToPath(new URL('../../bin/fireflow.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `fireflow …args` from the repo root, with no Stripe key, Stripe base, Redis or port from the caller's env. */
export function fireflow(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const childEnv = { ...process.env, ...env };
    for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_API_BASE', 'REDIS_URL', 'PORT', 'HOST']) {
      if (!(name in env)) delete childEnv[name];
    }
    const child = spawn(process.execPath, [FIREFLOW_BIN, ...args], { cwd: REPO_ROOT, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
