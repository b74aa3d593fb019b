import { expect, test, type Page } from '@playwright/test';
import { Health } from '@fireflow/protocol';
import {
  connect,
  copyExampleFlow,
  fetchFlow,
  node,
  saved,
  sourceHandle,
  stable,
  suitePage,
  targetHandle,
  treeLog,
} from './helpers.ts';

/**
 * The offline webhook loop in the editor: with the built-in mock, the flow's webhook node is registered with it,
 * so running flows/webhook brings its own payment_intent.succeeded back and runs the webhook's script.
 */
test.describe.configure({ mode: 'serial' });

const FLOW_ID = 'webhook';
const HOOK_NODE = 'on_payment_succeeded';
let page: Page;

const log = (text: string | RegExp) => treeLog(page, text);

test.beforeAll(async ({ browser }) => {
  page = await suitePage(browser);
  await copyExampleFlow(FLOW_ID);
  // The server registers the new flow's webhook node with its built-in mock as it notices the folder.
  const health = Health.parse(await (await page.request.get('/api/health')).json());
  await expect
    .poll(async () => {
      const listed = await page.request.get(`${health.stripe}/v1/webhook_endpoints`, {
        headers: { authorization: 'Bearer sk_test_e2e' },
      });
      const { data } = (await listed.json()) as { data: Array<{ url: string }> };
      return data.map((endpoint) => endpoint.url).join(' ');
    })
    .toContain(`/api/hooks/${FLOW_ID}/${HOOK_NODE}`);
});

test.afterAll(async () => {
  await page.close();
});

test('shows the webhook node with the endpoint URL to give Stripe', async () => {
  await page.goto(`/#/flows/${FLOW_ID}`);
  await expect(node(page, HOOK_NODE)).toContainText('payment_intent.succeeded');
  await node(page, HOOK_NODE).click();
  await expect(page.getByTestId('webhook-url')).toHaveText(
    new RegExp(`^http://127\\.0\\.0\\.1:\\d+/api/hooks/${FLOW_ID}/${HOOK_NODE}$`),
  );
});

test("running the flow brings the payment's own webhook back, and its script runs", async () => {
  await page.getByRole('button', { name: 'Run flow' }).click();
  await expect(log(/Payment intent pi_\w+ is succeeded/)).toBeVisible();
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('list', { name: 'Run history' }).getByRole('button');
  await expect(history).toHaveCount(2);
  // The newest run is the webhook's: it started after the create call that caused the event.
  await expect(history.first()).toContainText('webhook payment_intent.succeeded');
  await history.first().click();
  await page.getByRole('tab', { name: 'Run log' }).click();
  await expect(
    log(/Webhook payment_intent\.succeeded \(evt_\w+\): pi_\w+ paid 4200 usd, order order_2001/),
  ).toBeVisible();
});

test('adds a webhook trigger from the palette, wires it to a script, and saves it to flow.json', async () => {
  await page.getByRole('button', { name: 'Add stripe webhook node' }).click();
  await expect(node(page, 'on_stripe_event')).toBeVisible();
  await page.getByRole('button', { name: 'Add script node' }).click();
  await expect(node(page, 'script')).toBeVisible();
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await stable(node(page, 'on_stripe_event'));
  await connect(page, sourceHandle(page, 'on_stripe_event'), targetHandle(page, 'script'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);

  // Event types are checked as typed; a refused list says why and changes nothing.
  await node(page, 'on_stripe_event').click();
  const types = page.getByRole('textbox', { name: 'Event types' });
  await types.fill('customer created');
  await types.press('Enter');
  const refusal = page.getByRole('alert').filter({ hasText: 'Event types:' });
  await expect(refusal).toBeVisible();
  await types.fill('customer.created, invoice.paid');
  await types.press('Enter');
  await expect(refusal).toHaveCount(0);
  await expect(node(page, 'on_stripe_event')).toContainText('customer.created, invoice.paid');

  await page.keyboard.press('ControlOrMeta+S');
  await saved(page);
  const doc = await fetchFlow(page, FLOW_ID);
  expect(doc.flow.nodes.find((n) => n.id === 'on_stripe_event')).toMatchObject({
    type: 'webhook',
    events: ['customer.created', 'invoice.paid'],
    secret: 'STRIPE_WEBHOOK_SECRET',
  });
  expect(doc.flow.edges).toContainEqual({ from: 'on_stripe_event', to: 'script' });
  expect(doc.flow.nodes.find((n) => n.id === 'script')).toMatchObject({ type: 'script' });
});
