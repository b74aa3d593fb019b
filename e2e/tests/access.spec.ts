import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

/** A second server, started with FIREFLOW_TOKEN: the editor must ask for the token once per tab. */
const TOKEN = 'e2e-access-token';
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/server/bin/fireflow.mjs');
let server: ChildProcess | null = null;
let url = '';
let scratch = '';

test.beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'fireflow-e2e-access-'));
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--port', '0', '--flows', path.join(scratch, 'flows'), '--data', path.join(scratch, 'data')],
    {
      env: {
        ...process.env,
        FIREFLOW_TOKEN: TOKEN,
        STRIPE_SECRET_KEY: '',
        STRIPE_API_BASE: '',
        REDIS_URL: '',
        PORT: '',
        HOST: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server = child;
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
});

test.afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

test('asks for the token once per tab, refuses a wrong one, and streams with the session cookie', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/`);
  const field = page.getByLabel('Access token');
  await expect(field).toBeVisible();

  await field.fill('not-it');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('not this server’s access token');

  await field.fill(TOKEN);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'No flows yet' })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === 'fireflow_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(cookie?.value).not.toContain(TOKEN);

  // The same tab does not ask again; the editor's event stream gets in with the cookie.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No flows yet' })).toBeVisible();
  const created = await page.evaluate(async (token) => {
    const res = await fetch('/api/flows', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ id: 'guarded', name: 'Guarded' }),
    });
    return res.status;
  }, TOKEN);
  expect(created).toBe(201);
  const streamed = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const source = new EventSource('/api/events?flows=1');
        source.onopen = () => (source.close(), resolve(true));
        source.onerror = () => (source.close(), resolve(false));
      }),
  );
  expect(streamed).toBe(true);

  // A new tab (a fresh session) is asked again.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(`${url}/`);
  await expect(fresh.getByLabel('Access token')).toBeVisible();
  await other.close();
  await context.close();
});
