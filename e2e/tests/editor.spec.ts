import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  codeEditor,
  connect,
  fetchFlow,
  node,
  openScript,
  replaceScript,
  saved,
  snapshot,
  sourceHandle,
  stable,
  targetHandle,
  suitePage,
} from './helpers.ts';

/**
 * One user's session, step by step, on one flow: each test continues where the previous one stopped.
 * The server is the real `fireflow serve` on a scratch flows folder.
 */
test.describe.configure({ mode: 'serial' });

const FLOW_ID = 'checkout';
const RESPONSE_NODE = 'on_payment_intent';
const RESPONSE_FILE = 'new_create_payment_intent_response.js';
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await suitePage(browser);
});

test.afterAll(async () => {
  await page.close();
});

test('creates a payment-intent flow from the template', async ({}, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No flows yet' })).toBeVisible();
  await snapshot(page, testInfo, 'empty-list');

  await page.getByRole('button', { name: 'Create your first flow' }).click();
  const dialog = page.getByRole('dialog', { name: 'New flow' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Checkout');
  await expect(dialog.getByRole('textbox', { name: 'Id (folder name)' })).toHaveValue(FLOW_ID);
  await dialog.getByText('Payment intent', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Create flow' }).click();

  await expect(page.getByLabel('Flow name')).toHaveValue('Checkout');
  for (const id of ['main', 'create_payment_intent', RESPONSE_NODE, 'on_payment_intent_error'])
    await expect(node(page, id)).toBeVisible();
  await expect(node(page, 'create_payment_intent')).toContainText('Payment intent');
  await saved(page);
});

test('adds a Stripe product node from the palette and wires its ports', async ({}, testInfo) => {
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await page
    .getByRole('button', { name: 'Add product node' })
    .dragTo(pane, { targetPosition: { x: box.width * 0.3, y: box.height - 80 } });
  await expect(node(page, 'create_product')).toBeVisible();
  await page.getByRole('button', { name: 'Add script node' }).click();
  await expect(node(page, 'script')).toBeVisible();
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(node(page, 'create_product')).toBeInViewport();
  await stable(node(page, 'create_product'));

  await connect(page, sourceHandle(page, 'main'), targetHandle(page, 'create_product'));
  await connect(page, sourceHandle(page, 'create_product', 'response'), targetHandle(page, 'script'));
  await connect(page, sourceHandle(page, 'create_product', 'error'), targetHandle(page, 'on_payment_intent_error'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);

  // Refused connections say why.
  await connect(page, sourceHandle(page, 'create_product', 'response'), targetHandle(page, 'create_payment_intent'));
  await expect(page.getByTestId('canvas-refusal')).toContainText(/cannot connect a stripe node to a stripe node/i);
  await connect(page, sourceHandle(page, 'create_payment_intent', 'response'), targetHandle(page, 'script'));
  await expect(page.getByTestId('canvas-refusal')).toContainText('port of "create_payment_intent" is already wired');
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);

  // Undo and redo the last connection.
  await pane.click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);

  // Copy, paste and delete a node.
  await node(page, 'script').click();
  await page.keyboard.press('ControlOrMeta+C');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(node(page, 'script_2')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(node(page, 'script_2')).toHaveCount(0);

  // The side panel renames the script file.
  await node(page, 'script').click();
  await page.getByRole('textbox', { name: 'Script file' }).fill('on_product.js');
  await page.getByRole('textbox', { name: 'Script file' }).press('Enter');
  await expect(node(page, 'script')).toContainText('on_product.js');
  // The entry node names the queue a run starts on in Redis mode; a name that is not one is refused, saying why.
  await expect(page.getByRole('textbox', { name: 'Worker queue' })).toHaveCount(0);
  await node(page, 'main').click();
  const queue = page.getByRole('textbox', { name: 'Worker queue' });
  await expect(queue).toHaveAttribute('placeholder', 'default');
  await queue.fill('bad queue');
  await queue.press('Enter');
  const refusal = page.getByRole('alert').filter({ hasText: 'Worker queue must be' });
  await expect(refusal).toBeVisible();
  await queue.fill('worker-1');
  await queue.press('Enter');
  await expect(refusal).toHaveCount(0);

  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await page.keyboard.press('ControlOrMeta+S');
  await saved(page);
  const doc = await fetchFlow(page, FLOW_ID);
  expect(doc.flow.nodes.map((n) => n.id).sort()).toEqual([
    'create_payment_intent',
    'create_product',
    'main',
    RESPONSE_NODE,
    'on_payment_intent_error',
    'script',
  ]);
  expect(doc.flow.edges).toContainEqual({ from: 'create_product', port: 'response', to: 'script' });
  expect(doc.flow.edges).toContainEqual({ from: 'create_product', port: 'error', to: 'on_payment_intent_error' });
  expect(Object.keys(doc.scripts)).toContain('on_product.js');
  expect(doc.flow.nodes.find((n) => n.id === 'main')).toMatchObject({ worker_id: 'worker-1' });
  await snapshot(page, testInfo, 'editor');
});

test('edits the response script in Monaco with completions for parsed_data', async ({}, testInfo) => {
  await openScript(page, RESPONSE_NODE);
  await codeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('print("status:", parsed_data.');
  const suggestion = (name: string) =>
    page.locator('.suggest-widget .monaco-list-row .label-name', { hasText: new RegExp(`^${name}$`) });
  await expect(suggestion('amount')).toBeVisible();
  await page.keyboard.type('st');
  await expect(suggestion('status')).toBeVisible();
  await snapshot(page, testInfo, 'completions');
  await page.keyboard.type('atu');
  await expect(page.locator('.suggest-widget .monaco-list-row.focused .label-name')).toHaveText('status');
  await page.keyboard.press('Enter');
  // Monaco may or may not have auto-closed the "(" (it depends on typing speed); typing ")" overtypes an
  // auto-inserted one and inserts one otherwise, so the line ends the same way either way.
  await page.keyboard.type(')');
  await expect(codeEditor(page)).toContainText('parsed_data.status)');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await page.keyboard.press('ControlOrMeta+S');
  await saved(page);
  const doc = await fetchFlow(page, FLOW_ID);
  expect(doc.scripts[RESPONSE_FILE]).toContain('print("status:", parsed_data.status)');
  expect(doc.scripts[RESPONSE_FILE]).not.toContain('status))');
});

test('runs the flow and shows the printed line live, with the node highlighted', async ({}, testInfo) => {
  await page.keyboard.press('ControlOrMeta+Enter');
  const log = page.getByRole('tree', { name: 'Run log' });
  const printed = log.getByRole('treeitem').filter({ hasText: 'status: succeeded' });
  await expect(printed).toBeVisible();
  await expect(node(page, RESPONSE_NODE).locator('.ff-node')).toHaveAttribute('data-run-state', /running|succeeded/);
  await expect(page.getByTestId('run-header').locator('[data-status]').first()).toHaveAttribute(
    'data-status',
    'succeeded',
  );
  await expect(log.getByRole('treeitem').filter({ hasText: 'POST /v1/payment_intents' })).toContainText('HTTP 200');
  await expect(page.getByLabel('Waterfall').getByRole('listitem')).toHaveCount(3);

  // A log entry selects the node that printed it.
  await page.getByRole('button', { name: 'Back to flows' }).focus();
  await node(page, 'main').click();
  await printed.click();
  await expect(node(page, RESPONSE_NODE)).toHaveClass(/selected/);
  await snapshot(page, testInfo, 'run');

  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByRole('list', { name: 'Run history' }).getByRole('button')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Run log' }).click();
});

test('a broken script gets a marker and its execution fails with the line', async () => {
  await openScript(page, RESPONSE_NODE);
  await replaceScript(page, 'print("before");\nlet broken = ;\n');
  await expect(codeEditor(page).locator('.squiggly-error').first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'problem' })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+S');
  await saved(page);

  await page.getByRole('button', { name: 'Run flow' }).click();
  const failure = page.getByRole('tree', { name: 'Run log' }).locator('[data-row-type="failure"]');
  await expect(failure).toContainText(`${RESPONSE_FILE}:2:`);
  await expect(failure).toContainText('SCRIPT_SYNTAX');
  await expect(page.getByTestId('run-header').locator('[data-status]').first()).toHaveAttribute(
    'data-status',
    'failed',
  );
  await expect(node(page, RESPONSE_NODE).locator('.ff-node')).toHaveAttribute('data-run-state', 'failed');

  // Fix it again so the flow is healthy for what follows.
  await replaceScript(page, 'print(`Payment intent ${parsed_data.id} is ${parsed_data.status}`);\n');
  await page.keyboard.press('ControlOrMeta+S');
  await saved(page);
  await expect(codeEditor(page).locator('.squiggly-error')).toHaveCount(0);
});

test('unsaved changes ask before leaving', async () => {
  await page.getByLabel('Flow name').fill('Checkout v2');
  await page.getByLabel('Flow name').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await page.getByRole('button', { name: 'Back to flows' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('Flow name')).toHaveValue('Checkout v2');
  await page.getByRole('button', { name: 'Save' }).click();
  await saved(page);
});

test('exports, deletes and imports the flow (file picker and drop)', async ({}, testInfo) => {
  await page.getByRole('button', { name: 'Back to flows' }).click();
  const row = page.locator(`[data-flow-id="${FLOW_ID}"]`);
  await expect(row).toContainText('Checkout v2');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('link', { name: 'Export Checkout v2' }).click(),
  ]);
  const zipPath = testInfo.outputPath(`${FLOW_ID}.zip`);
  await download.saveAs(zipPath);
  expect(readFileSync(zipPath).subarray(0, 2).toString()).toBe('PK');

  const deleteFlow = async () => {
    await page.locator(`[data-flow-id="${FLOW_ID}"]`).getByRole('button', { name: 'Delete Checkout v2' }).click();
    await page
      .getByRole('dialog', { name: 'Delete "Checkout v2"?' })
      .getByRole('button', { name: 'Delete flow' })
      .click();
    await expect(page.getByRole('heading', { name: 'No flows yet' })).toBeVisible();
  };
  await deleteFlow();

  // The id comes from the flow in the zip (its name), not the file's name: the same rule as `fireflow import`.
  await page.getByTestId('import-input').first().setInputFiles(zipPath);
  await expect(page.getByLabel('Flow name')).toHaveValue('Checkout v2');
  await expect(page).toHaveURL(/#\/flows\/checkout-v2$/);
  await expect(node(page, 'create_product')).toBeVisible();
  await page.getByRole('button', { name: 'Back to flows' }).click();
  await expect(page.locator('[data-flow-id="checkout-v2"]')).toBeVisible();

  // Dropping it again meets its own copy: the dialog offers Rename, Overwrite and Cancel, none of them clipped.
  const zip = readFileSync(zipPath).toString('base64');
  const transfer = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'checkout.zip', { type: 'application/zip' }));
    return data;
  }, zip);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByText('Drop to import the flow')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  const dialog = page.getByRole('dialog', { name: 'There is already a flow called “checkout-v2”' });
  await expect(dialog).toBeVisible();
  const box = await dialog.boundingBox();
  for (const label of ['Cancel', 'Overwrite', 'Rename']) {
    const button = await dialog.getByRole('button', { name: label, exact: true }).boundingBox();
    expect(button && box && button.x >= box.x && button.x + button.width <= box.x + box.width).toBe(true);
  }
  await expect(dialog).not.toContainText('?id=');
  await dialog.getByRole('textbox', { name: 'New name' }).fill(FLOW_ID);
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(page).toHaveURL(new RegExp(`#/flows/${FLOW_ID}$`));
  await expect(page.getByLabel('Flow name')).toHaveValue('Checkout v2');
});

test('a reload finds everything saved', async () => {
  await page.reload();
  await expect(page.getByLabel('Flow name')).toHaveValue('Checkout v2');
  for (const id of [
    'main',
    'create_payment_intent',
    'create_product',
    'script',
    RESPONSE_NODE,
    'on_payment_intent_error',
  ]) {
    await expect(node(page, id)).toBeVisible();
  }
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await expect(node(page, 'script')).toContainText('on_product.js');
  await openScript(page, RESPONSE_NODE);
  await expect(codeEditor(page)).toContainText('Payment intent');
  await page.getByRole('tab', { name: 'History' }).click();
  // Runs belong to the flow id, so the history of the imported flow still lists them.
  await expect(page.getByRole('list', { name: 'Run history' }).getByRole('button')).toHaveCount(2);
});

test('edits made to the files on disk show up in the editor', async () => {
  const flows = process.env.FIREFLOW_E2E_FLOWS;
  // The config sets it when it starts the server; against an E2E_BASE_URL server, set it to that server's flows folder.
  expect(flows, 'FIREFLOW_E2E_FLOWS: the flows folder of the server under test').toBeTruthy();
  writeFileSync(path.join(flows as string, FLOW_ID, 'main.js'), 'print("edited in git");\n');
  await expect(page.getByRole('status').filter({ hasText: 'Reloaded' })).toBeVisible();
  await openScript(page, 'main');
  await expect(codeEditor(page)).toContainText('edited in git');
  await saved(page);
});
