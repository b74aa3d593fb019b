import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Health } from '@fireflow/protocol';
import { REPO, copyExampleFlow, node, suitePage, treeLog } from './helpers.ts';

/**
 * A run in progress, as the editor shows it while a Stripe call is in flight — and the README's picture of it.
 * The built-in mock holds the chained example's customer call back (a latency fault on that path only), so the
 * run is caught mid-way by waiting for the DOM to say so.
 */
const FLOW_ID = 'chained';
const docs = path.join(REPO, 'docs/images');
let page: Page;
let mockUrl: string;

const runState = (id: string) => node(page, id).locator('.ff-node');
const runStatus = () => page.getByTestId('run-header').locator('[data-status]').first();
const log = (text: string | RegExp) => treeLog(page, text);

async function mockFaults(faults: object[]) {
  const answer = await page.request.post(`${mockUrl}/_mock/config`, { data: { faults } });
  expect(answer.ok()).toBe(true);
}

test.beforeAll(async ({ browser }) => {
  page = await suitePage(browser);
  await copyExampleFlow(FLOW_ID);
  mockUrl = Health.parse(await (await page.request.get('/api/health')).json()).stripe;
});

test.afterAll(async () => {
  await mockFaults([]);
  await page.close();
});

test('shows a run in progress: finished nodes, the node whose call is in flight, the live log', async () => {
  await page.goto(`/#/flows/${FLOW_ID}`);
  await expect(node(page, 'create_subscription')).toBeVisible();
  // Long enough to be seen, not waited out by the test before it looks: the assertions below wait on the DOM.
  await mockFaults([{ type: 'latency', latency_ms: 5000, path: '/v1/customers' }]);
  await page.getByRole('button', { name: 'Run flow' }).click();

  await expect(runState('create_customer')).toHaveAttribute('data-run-state', 'running');
  await expect(runStatus()).toHaveAttribute('data-status', 'running');
  await expect(runState('create_price')).toHaveAttribute('data-run-state', 'succeeded');
  await expect(log(/Price price_\w+ created for prod_\w+/)).toBeVisible();
  await expect(runState('on_customer')).not.toHaveAttribute('data-run-state', /.+/);
  await page.screenshot({ path: path.join(docs, 'editor-running.png') });

  await expect(runStatus()).toHaveAttribute('data-status', 'succeeded', { timeout: 15_000 });
  await expect(log(/Subscription sub_\w+ is (active|trialing)/)).toBeVisible();
});
