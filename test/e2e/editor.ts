// A person opens an Earthfile: it is highlighted, and a problem shows in the Problems panel.
import type { Page } from 'playwright-core';
import { openFile, waitForWorkbench, type Flow } from './workbench';

/** The colour the editor paints a token in: the token's text must stand alone in its span. */
async function tokenColour(page: Page, text: string): Promise<string> {
  const span = page.locator('.monaco-editor .view-line span span', { hasText: new RegExp(`^\\s*${text}\\s*$`) }).first();
  await span.waitFor({ timeout: 30_000 });
  // The callback runs in the page, where `getComputedStyle` exists; the test code is type-checked without DOM types.
  type PageGlobals = { getComputedStyle(element: unknown): { color: string } };
  return span.evaluate((el) => (globalThis as unknown as PageGlobals).getComputedStyle(el).color);
}

export const editorFlow: Flow = {
  name: 'an Earthfile is highlighted and its problem shows in the Problems panel',
  async run({ page, screenshot }) {
    await waitForWorkbench(page);
    await openFile(page, 'Earthfile');
    // Keywords, target headers and plain words get distinct colours only when the grammar is active.
    const keyword = await tokenColour(page, 'FROM');
    const plain = await tokenColour(page, 'alpine:3.20');
    if (keyword === plain) throw new Error(`FROM and alpine:3.20 share colour ${keyword}: the grammar is not applied`);

    await openFile(page, 'drafts/no-version.earth');
    await page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'VERSION' }).first();
    await problem.waitFor({ timeout: 30_000 });
    await screenshot('editor-highlighting-and-problems');
  },
};
