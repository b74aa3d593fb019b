import { cp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Browser, type Locator, type Page, type TestInfo } from '@playwright/test';
import { FlowDocument } from '@fireflow/protocol';

/** The repository's root, where the example flows and docs/images are. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The page a serial suite shares; an uncaught error in it is printed with the test's output. */
export async function suitePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  return page;
}

/** Copies the repository's flows/<id> into the flows folder of the server under test. */
export async function copyExampleFlow(id: string): Promise<void> {
  const flows = process.env.FIREFLOW_E2E_FLOWS;
  if (!flows) throw new Error('FIREFLOW_E2E_FLOWS is not set (see playwright.config.ts)');
  await cp(path.join(REPO, 'flows', id), path.join(flows, id), { recursive: true });
}

/** Log lines of the run tree holding `text`. */
export const treeLog = (page: Page, text: string | RegExp) =>
  page.locator('.run-tree [data-row-type="log"]').filter({ hasText: text });

export const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
export const sourceHandle = (page: Page, id: string, port?: 'response' | 'error') =>
  node(page, id).locator(port ? `.react-flow__handle.source[data-handleid="${port}"]` : '.react-flow__handle.source');
export const targetHandle = (page: Page, id: string) => node(page, id).locator('.react-flow__handle.target');

/** Waits until an element stops moving (e.g. after the animated fit-view of auto-layout). */
export async function stable(locator: Locator) {
  let last = '';
  await expect
    .poll(
      async () => {
        const box = JSON.stringify(await locator.boundingBox());
        const same = box === last;
        last = box;
        return same;
      },
      { intervals: [100] },
    )
    .toBe(true);
}

/** Drags from one handle to another with intermediate moves, as React Flow tracks the pointer. */
export async function connect(page: Page, from: Locator, to: Locator) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('handle not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

export async function fetchFlow(page: Page, id: string): Promise<FlowDocument> {
  const response = await page.request.get(`/api/flows/${id}`);
  expect(response.ok()).toBe(true);
  return FlowDocument.parse(await response.json());
}

/** The Monaco editor of the open script; typing goes where the caret is. */
export function codeEditor(page: Page) {
  return page.getByTestId('script-editor').locator('.monaco-editor');
}

export async function openScript(page: Page, nodeId: string) {
  await node(page, nodeId).click();
  await expect(codeEditor(page)).toBeVisible();
  await expect(codeEditor(page).locator('.view-lines')).not.toBeEmpty();
}

/** Replaces the whole script through the keyboard, like a user would. */
export async function replaceScript(page: Page, text: string) {
  await codeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // insertText skips Monaco's auto-closing of brackets and quotes, so the text lands as written.
  await page.keyboard.insertText(text);
}

export async function snapshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  const body = await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

export const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveText('All changes saved');
