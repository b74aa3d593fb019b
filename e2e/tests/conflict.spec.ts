import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { FlowDocument } from '@fireflow/protocol';
import { saved } from './helpers.ts';

/**
 * Two people on one flow: this page edits while "someone else" (the API, as another editor would) saves first.
 * The page's save must not undo theirs: it gets the conflict dialog instead.
 */
test.describe.configure({ mode: 'serial' });

const FLOW_ID = 'race';
let page: Page;
const pageErrors: string[] = [];

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  expect(
    (await page.request.post('/api/flows', { data: { id: FLOW_ID, name: 'Race', template: 'product' } })).status(),
  ).toBe(201);
});

test.afterAll(async () => {
  // Other specs start from an empty list.
  await page.request.delete(`/api/flows/${FLOW_ID}`);
  await page.close();
});

/** Another editor's save: read the version, change main.js, save over that version. */
async function saveElsewhere(request: APIRequestContext, text: string): Promise<FlowDocument> {
  const read = await request.get(`/api/flows/${FLOW_ID}`);
  const doc = FlowDocument.parse(await read.json());
  const etag = read.headers()['etag'] ?? '';
  const res = await request.put(`/api/flows/${FLOW_ID}`, {
    data: { flow: doc.flow, scripts: { ...doc.scripts, 'main.js': text } },
    headers: { 'if-match': etag },
  });
  expect(res.status()).toBe(200);
  return FlowDocument.parse(await res.json());
}

async function rename(name: string) {
  const field = page.getByLabel('Flow name');
  await field.fill(name);
  await field.press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
}

/** Every button is inside the dialog's box: nothing clipped. */
async function expectUnclipped(dialog: Locator) {
  const box = await dialog.boundingBox();
  expect(box).not.toBeNull();
  for (const button of await dialog.getByRole('button').all()) {
    const b = await button.boundingBox();
    expect(b).not.toBeNull();
    if (!box || !b) return;
    expect(b.x).toBeGreaterThanOrEqual(box.x);
    expect(b.y).toBeGreaterThanOrEqual(box.y);
    expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width);
    expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.height);
  }
}

test('a save over someone else’s newer save opens the conflict dialog, with a side-by-side diff', async () => {
  await page.goto(`/#/flows/${FLOW_ID}`);
  await expect(page.getByLabel('Flow name')).toHaveValue('Race');
  await rename('Race (mine)');
  await saveElsewhere(page.request, 'print("theirs");\n');
  await expect(page.getByRole('alert').filter({ hasText: 'saved elsewhere' })).toBeVisible();

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Someone else saved this flow' });
  await expect(dialog).toBeVisible();
  for (const label of ['Cancel', 'Compare side by side', 'Load their version', 'Save mine over theirs']) {
    await expect(dialog.getByRole('button', { name: label })).toBeVisible();
  }
  await expectUnclipped(dialog);

  await dialog.getByRole('button', { name: 'Compare side by side' }).click();
  const diff = dialog.getByTestId('conflict-diff');
  await expect(diff.locator('.monaco-diff-editor')).toBeVisible();
  await expect(diff).toContainText('theirs');
  await expect(diff).toContainText('Race (mine)');
  await expectUnclipped(dialog);

  // Cancel keeps editing: nothing saved, the edits still there.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Flow name')).toHaveValue('Race (mine)');
  const onDisk = FlowDocument.parse(await (await page.request.get(`/api/flows/${FLOW_ID}`)).json());
  expect(onDisk.flow.name).toBe('Race');
  expect(onDisk.scripts['main.js']).toBe('print("theirs");\n');
});

test('"Save mine over theirs" saves this editor’s flow on purpose', async () => {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Someone else saved this flow' });
  await dialog.getByRole('button', { name: 'Save mine over theirs' }).click();
  await expect(dialog).toBeHidden();
  await saved(page);
  const onDisk = FlowDocument.parse(await (await page.request.get(`/api/flows/${FLOW_ID}`)).json());
  expect(onDisk.flow.name).toBe('Race (mine)');
  expect(onDisk.scripts['main.js']).not.toContain('theirs');
});

test('"Load their version" drops this editor’s edits for the saved flow', async () => {
  await rename('Race (mine again)');
  const theirs = await saveElsewhere(page.request, 'print("theirs, second");\n');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Someone else saved this flow' });
  await dialog.getByRole('button', { name: 'Load their version' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Flow name')).toHaveValue(theirs.flow.name);
  await saved(page);
  expect(pageErrors).toEqual([]);
});
