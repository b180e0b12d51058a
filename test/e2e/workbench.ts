// What a person does in the workbench, as Playwright steps. Every step waits for its outcome.
import type { Page } from 'playwright-core';
import type { AcrTestEnvironment } from '../integration/acrTestEnvironment';

export interface FlowContext {
  readonly page: Page;
  /** The workspace folder on disk (a scratch copy of the demo project). */
  readonly workspace: string;
  /** The local registry the harness started, and its test identities. */
  readonly acr: AcrTestEnvironment;
  screenshot(name: string): Promise<void>;
}

export interface Flow {
  readonly name: string;
  /** Extensions (folders) to load next to the installed VSIX, e.g. test stand-ins for other extensions. */
  readonly extensionDevelopmentPaths?: readonly string[];
  run(context: FlowContext): Promise<void>;
}

const STEP_TIMEOUT = 30_000;

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The explorer shows the folder once the workbench has restored its layout.
  await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
}

/** Opens a workspace file with Quick Open (Ctrl+P), the way people do. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_TIMEOUT });
  await input.fill(relativePath);
  const fileName = relativePath.split('/').pop() ?? relativePath;
  const folder = relativePath.slice(0, relativePath.length - fileName.length - 1);
  // Many files share a name (Earthfile): the row must show the folder too, or a recently opened
  // namesake listed before the search answers would be opened instead.
  const rows = page.locator('.quick-input-list .monaco-list-row', { hasText: fileName });
  await (folder ? rows.filter({ hasText: folder }) : rows).first().click({ timeout: STEP_TIMEOUT });
  await page.locator(`.tab.active[aria-label^="${fileName}"]`).waitFor({ timeout: STEP_TIMEOUT });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: STEP_TIMEOUT });
}

/**
 * Opens the command palette (F1). A workbench still restoring its editors can drop the key, so it is
 * pressed again, as a person would, until the palette shows.
 */
export async function openPalette(page: Page): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

/** Runs a command from the palette (F1) by its title as users see it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openPalette(page);
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_TIMEOUT });
  await page.keyboard.press('Enter');
}

/** Waits for the active terminal to show `text` (the test code-server draws terminals as DOM rows). */
export async function waitForTerminalText(page: Page, text: string): Promise<void> {
  await page.locator('.terminal-wrapper.active .xterm-rows', { hasText: text }).waitFor({ timeout: STEP_TIMEOUT });
}
