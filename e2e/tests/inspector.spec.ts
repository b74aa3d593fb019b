import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Health } from '@fireflow/protocol';
import { REPO, codeEditor, node, openScript, replaceScript, suitePage, treeLog } from './helpers.ts';

/**
 * The run inspector, as a new user meets it: what did Stripe answer, and does my fix work on that answer —
 * without a new Stripe call. Each test continues where the previous one stopped.
 */
test.describe.configure({ mode: 'serial' });

const FLOW_ID = 'inspect';
const RESPONSE_NODE = 'on_payment_intent';
const ERROR_NODE = 'on_payment_intent_error';
const docs = path.join(REPO, 'docs/images');
let page: Page;

const rows = (type: string) => page.locator(`.run-tree [data-row-type="${type}"]`);
const inspector = () => page.getByRole('complementary', { name: 'Inspector' });
const log = (text: string | RegExp) => treeLog(page, text);

/** Creates made by the built-in Stripe mock so far (its admin endpoint, on the base URL /api/health names). */
async function mockRequests(): Promise<number> {
  const health = Health.parse(await (await page.request.get('/api/health')).json());
  const counters = (await (await page.request.get(`${health.stripe}/_mock/counters`)).json()) as { requests: number };
  return counters.requests;
}

test.beforeAll(async ({ browser }) => {
  page = await suitePage(browser);
  // A taller run panel, as a user would drag it (remembered per browser), so the screenshots show the data.
  await page.addInitScript(() => window.localStorage.setItem('fireflow.runPanelHeight', '430'));
  const created = await page.request.post('/api/flows', {
    data: { id: FLOW_ID, name: 'Inspect', template: 'payment_intent' },
  });
  expect(created.status()).toBe(201);
});

test.afterAll(async () => {
  await page.close();
});

test('shows what Stripe answered: params, response body and Request-Id of a call', async () => {
  await page.goto(`/#/flows/${FLOW_ID}`);
  await expect(node(page, 'main')).toBeVisible();
  await page.getByRole('button', { name: 'Run flow' }).click();
  await expect(log(/Payment intent pi_\w+ is succeeded/)).toBeVisible();

  await rows('request').first().click();
  const panel = inspector();
  await expect(panel).toBeVisible();
  const response = panel.getByRole('group', { name: 'Response' });
  await expect(response).toContainText('"payment_intent"');
  await expect(response).toContainText('"succeeded"');
  await expect(panel.getByRole('group', { name: 'Params' })).toContainText('2000');
  await expect(panel.locator('[data-field="Request-Id"]')).toHaveText(/^req_\w+/);
  await expect(panel.locator('[data-field="Idempotency key"]')).toHaveText(/^fireflow_ex_\w+_0$/);
  // The answer at the top of the inspector, as a user scrolls to it.
  await response.evaluate((tree) => tree.closest('section')?.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(docs, 'inspector-response.png') });
});

test('replays the response script after an edit, on the recorded answer, with no new Stripe call', async () => {
  const objectId = (await inspector().locator('[data-field="Object"]').textContent()) ?? '';
  expect(objectId).toMatch(/^pi_/);
  await rows('execution').filter({ hasText: RESPONSE_NODE }).click();
  await expect(inspector().getByRole('group', { name: 'parsed_data' })).toContainText(objectId);

  await openScript(page, RESPONSE_NODE);
  await replaceScript(page, 'print(`fixed: ${parsed_data.id} is ${parsed_data.status} (${execution.trigger})`);\n');
  await rows('execution').filter({ hasText: RESPONSE_NODE }).click();
  const before = await mockRequests();
  await inspector().getByRole('button', { name: 'Replay' }).click();

  await expect(page.getByTestId('run-header')).toContainText('replay of');
  await expect(log(`fixed: ${objectId} is succeeded (replay)`)).toBeVisible();
  await expect(page.getByTestId('run-header')).toContainText('0 Stripe calls');
  expect(await mockRequests()).toBe(before);
  await page.screenshot({ path: path.join(docs, 'inspector-replay.png') });
});

test("runs the error script with sample data from Stripe's fixtures, edited first", async () => {
  await node(page, ERROR_NODE).click();
  await page.getByRole('button', { name: 'Run with sample data' }).click();
  const sample = page.getByRole('textbox', { name: 'Sample parsed_error (JSON)' });
  await expect(sample).toHaveValue(/"card_declined"/);
  const edited = (await sample.inputValue()).replace('Your card was declined.', 'Declined in a sample.');
  await sample.fill(edited);
  const before = await mockRequests();
  await page.getByRole('button', { name: `Run ${ERROR_NODE} with this parsed_error` }).click();
  await expect(log('payment intent failed: card_error (card_declined): Declined in a sample.')).toBeVisible();
  expect(await mockRequests()).toBe(before);
});

test("a failed execution's row jumps to its line in the script editor", async () => {
  await openScript(page, RESPONSE_NODE);
  await replaceScript(page, 'const total = parsed_data.amount;\nprint(total.toFixed(2));\nnull.boom;\n');
  // Another script open, so the jump has to switch to the failing one.
  await node(page, ERROR_NODE).click();
  await expect(page.getByTestId('script-editor')).toBeVisible();
  await page.getByRole('button', { name: 'Run flow' }).click();
  const failure = rows('failure');
  await expect(failure).toContainText('SCRIPT_ERROR');
  await failure.click();
  await expect(page.getByRole('region', { name: `Script new_create_payment_intent_response.js` })).toBeVisible();
  await expect(codeEditor(page).locator('.line-numbers.active-line-number')).toHaveText('3');
  await expect(inspector().getByRole('button', { name: /SCRIPT_ERROR/ })).toBeVisible();
  await page.screenshot({ path: path.join(docs, 'inspector-failure.png') });

  // Room to work: the script editor takes the whole area above the run panel, and gives it back.
  const script = page.getByRole('region', { name: 'Script new_create_payment_intent_response.js' });
  const before = (await script.boundingBox())?.width ?? 0;
  await page.getByRole('button', { name: 'Maximise the script editor' }).click();
  await expect.poll(async () => (await script.boundingBox())?.width ?? 0).toBeGreaterThan(before * 2);
  await page.getByRole('button', { name: 'Restore the script editor' }).click();
  await expect.poll(async () => (await script.boundingBox())?.width ?? 0).toBe(before);
});

test('a run whose error script handled a declined card says so, in the header and in History', async () => {
  // The entry node may be out of view in the smaller canvas; its run row selects it too.
  await rows('execution').filter({ hasText: 'main.js' }).click();
  await expect(page.getByRole('region', { name: 'Script main.js' })).toBeVisible();
  await replaceScript(
    page,
    'new_payment_intent().amount(2000).currency("usd").payment_method("pm_card_chargeDeclined").confirm(true).create_async();\n',
  );
  await page.getByRole('button', { name: 'Run flow' }).click();
  await expect(log(/card_declined/)).toBeVisible();
  await expect(page.getByTestId('run-header')).toContainText('Succeeded · 1 Stripe error');
  await page.getByRole('tab', { name: 'History' }).click();
  const newest = page.getByRole('list', { name: 'Run history' }).getByRole('button').first();
  await expect(newest).toContainText('Succeeded · 1 Stripe error');
  await expect(newest).toContainText('Stripe HTTP 402 card_declined');
  await page.getByRole('tab', { name: 'Run log' }).click();

  // Reopening the flow shows its last run.
  await page.reload();
  await expect(page.getByTestId('run-header')).toContainText('Succeeded · 1 Stripe error');
  await expect(page.getByTestId('run-header')).toContainText('from history');
  await expect(log(/card_declined/)).toBeVisible();
});

test('keeps Monaco’s cancellations out of the console, and nothing else', async () => {
  await openScript(page, RESPONSE_NODE);
  const errors: string[] = [];
  const listen = (error: Error) => errors.push(`${error.name}: ${error.message}`);
  page.on('pageerror', listen);
  try {
    // Monaco's leak, as a rejection and as a throw from a timer; then a real failure, which comes after both.
    await page.evaluate(() => {
      const canceled = () => Object.assign(new Error('Canceled'), { name: 'Canceled' });
      void Promise.reject(canceled());
      setTimeout(() => {
        throw canceled();
      });
      setTimeout(() => void Promise.reject(new Error('a real failure')));
    });
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    expect(errors).toEqual(['Error: a real failure']);
  } finally {
    page.off('pageerror', listen);
  }
});
