// A person signs in, opens the Registries view, expands the Azure subscription, the registry, the `team`
// folder and `team/api`,
// and sees its tags newest first with their digests and ages; pulls one from its context menu and sees
// the pull in a terminal (docker is the stand-in of test/fixtures/bin, which records its arguments and
// pulls nothing); then drags a tag into an Earthfile and sees the FROM line it inserts. The screenshots
// of the tree are the README's.
import type { Locator, Page } from 'playwright-core';
import type { AcrTestEnvironment } from '../integration/acrTestEnvironment';
import { signInWithServicePrincipal } from './acrLogin';
import { copyOfDemoEarthfile, openFile, runCommand, waitForExtension, waitForTerminalText, waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;
const COPY = 'explorer.earth';

/** Expands the tree row `row` unless it is open, and waits until it is. */
async function expand(row: Locator): Promise<void> {
  await row.waitFor({ timeout: STEP_TIMEOUT });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click({ timeout: STEP_TIMEOUT });
  await row.and(row.page().locator('[aria-expanded="true"]')).waitFor({ timeout: STEP_TIMEOUT });
}

/** The view's row whose label is exactly `label` (a row's aria-label starts with its label). */
function rowLabelled(page: Page, label: string): Locator {
  return page.locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

/** The page as far as the menu steps read it (the tests are type-checked without DOM types). */
type MenuDocument = { document: { querySelector(selector: string): { textContent: string | null } | null } };
const FOCUSED_ITEM = '.context-view .monaco-menu .action-item.focused .action-label';

/**
 * Chooses `label` from the open context menu the way a keyboard user does: Down until it is focused,
 * then Enter. (A menu ignores the mouse for a moment after it opens, so a click can fall into that moment.)
 */
async function chooseFromContextMenu(page: Page, label: string): Promise<void> {
  const items = page.locator('.context-view .monaco-menu .action-item:not(.disabled) .action-label');
  await items.first().waitFor({ timeout: STEP_TIMEOUT });
  const focused = (): Promise<string | null> => page.evaluate((selector) => (globalThis as unknown as MenuDocument).document.querySelector(selector)?.textContent ?? null, FOCUSED_ITEM);
  const seen: string[] = [];
  for (let step = 0, count = await items.count(); step <= count; step++) {
    const now = await focused();
    if (now === label) {
      await page.keyboard.press('Enter');
      return;
    }
    seen.push(now ?? '(none focused)');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(([selector, before]) => (globalThis as unknown as MenuDocument).document.querySelector(selector)?.textContent !== before, [FOCUSED_ITEM, now] as const, {
      timeout: STEP_TIMEOUT,
    });
  }
  throw new Error(`the context menu has no ${label}; it went through: ${seen.join(' | ')}`);
}

export const acrExplorerFlow: Flow = {
  name: 'ACR explorer: tags newest first under registry > folder > repository; Pull from the context menu; drag a tag into an Earthfile',
  prepare: copyOfDemoEarthfile(COPY),
  async run({ page, acr, screenshot }) {
    await waitForWorkbench(page);
    await waitForExtension(page);
    await openFile(page, COPY);
    await signInWithServicePrincipal(page, acr);
    try {
      await browsePullAndDrop(page, acr, screenshot);
    } finally {
      // The flows after this one start signed out.
      await runCommand(page, 'ACR: Logout');
      await page.locator('.statusbar-item', { hasText: 'ACR: Sign in' }).waitFor({ timeout: STEP_TIMEOUT });
    }
  },
};

async function browsePullAndDrop(page: Page, acr: AcrTestEnvironment, screenshot: (name: string) => Promise<void>): Promise<void> {
  await page.locator('.activitybar .action-label[aria-label^="Azure Container Registry"]').click({ timeout: STEP_TIMEOUT });

  // Signed in with Entra ID, the registry is listed under its Azure subscription.
  await expand(rowLabelled(page, 'Contoso Production'));
  await expand(rowLabelled(page, acr.loginServer));
  await expand(rowLabelled(page, 'team'));
  await expand(rowLabelled(page, 'api'));
  // team/api: 1.1.0 and latest were pushed after 1.0.0.
  await rowLabelled(page, '1.0.0').waitFor({ timeout: STEP_TIMEOUT });
  const labels = await page.locator('.part.sidebar .monaco-list-row .label-name').allInnerTexts();
  const order = ['1.1.0', 'latest', '1.0.0'].map((tag) => labels.indexOf(tag));
  if (order.includes(-1) || order[2]! < Math.max(order[0]!, order[1]!)) throw new Error(`team/api's tags are not newest first: ${labels.join(', ')}`);
  const description = await rowLabelled(page, '1.0.0').locator('.label-description').innerText();
  if (!/^[0-9a-f]{12} · .+ · .+ ago$/.test(description)) throw new Error(`the 1.0.0 row's description is not "digest · size · age": "${description}"`);
  await screenshot('acr-explorer-tags');

  await rowLabelled(page, '1.1.0').click({ button: 'right', timeout: STEP_TIMEOUT });
  await chooseFromContextMenu(page, 'Pull');
  await waitForTerminalText(page, `Status: Downloaded newer image for ${acr.loginServer}/team/api:1.1.0`);
  await screenshot('acr-explorer-pull');

  // The drop lands on the editor's last line: the FROM line becomes a statement of its own there.
  const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines');
  // The mouse rested on the 1.1.0 row: its tooltip covers the rows below until the mouse leaves.
  await editor.hover();
  await page.locator('.context-view', { hasText: `${acr.loginServer}/team/api:1.1.0` }).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
  await rowLabelled(page, 'latest').dragTo(editor, { timeout: STEP_TIMEOUT });
  await page.locator('.monaco-editor .view-line', { hasText: new RegExp(`FROM\\s${acr.loginServer.replace(/\./g, '\\.')}/team/api:latest`) }).first().waitFor({ timeout: STEP_TIMEOUT });
  await screenshot('acr-explorer-drop');
  await runCommand(page, 'View: Revert and Close Editor');
}
