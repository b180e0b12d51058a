// What a person does in the workbench, as Playwright steps. Every step waits for its outcome.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
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
  /**
   * Files the workspace holds before the window opens, as a person's project does: a tasks.json written
   * while the workbench starts races its task service.
   */
  prepare?(workspace: string): void;
  run(context: FlowContext): Promise<void>;
}

const STEP_TIMEOUT = 30_000;

/** A flow's `prepare` that copies the demo Earthfile beside it as `name`, for the flow to type in. */
export function copyOfDemoEarthfile(name: string): (workspace: string) => void {
  return (workspace) => copyFileSync(join(workspace, 'Earthfile'), join(workspace, name));
}

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The explorer shows the folder once the workbench has restored its layout.
  await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
}

/**
 * Waits until the extension has activated: its ACR status bar item shows (the tests configure a
 * registry).
 */
export async function waitForExtension(page: Page): Promise<void> {
  await page.locator('.statusbar-item', { hasText: /\bACR\b/ }).first().waitFor({ timeout: 60_000 });
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
  // The active group's editor: other editors (the Output view's, a hidden group's) may come first and stay hidden.
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: STEP_TIMEOUT });
}

/**
 * Runs a command from the palette by its title as users see it. The palette is opened from the command
 * centre (the search box in the title bar): a click reaches the workbench as soon as the box is drawn,
 * where F1 pressed while the workbench is still restoring its editors can be dropped.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  await recordFocusAndPalette(page);
  await page.locator('.command-center-center').click({ timeout: STEP_TIMEOUT });
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_TIMEOUT }).catch(async (error: unknown) => {
    throw new Error(`${String(error)}\nThe page's last focus, click and palette events (ms since it loaded): ${await paletteStory(page)}`);
  });
  // Typed at once with its ">", so only the filtered command list is ever drawn. Its top row is not
  // always the command (the palette sorts "Tasks: Restart Running Task" before "Tasks: Run Task"): the row
  // whose label is exactly the title is clicked.
  await input.fill(`>${title}`);
  const label = page.locator('.label-name', { hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
  await page.locator('.quick-input-list .monaco-list-row', { has: label }).first().click({ timeout: STEP_TIMEOUT });
}

/** The page as far as the recorder below uses it (the tests are type-checked without DOM types). */
type RecordedNode = { className?: unknown; tagName?: string; style?: { display: string } };
type RecordedPage = {
  paletteStory?: string[];
  performance: { now(): number };
  document: { body: unknown; addEventListener(type: string, listener: (event: { target: RecordedNode }) => void, capture: boolean): void };
  MutationObserver: new (callback: (records: { target: RecordedNode }[]) => void) => { observe(node: unknown, options: object): void };
};

/**
 * Starts recording, once per page, where focus goes and when the palette shows or hides, so that a
 * palette that does not open can say what happened instead (the command centre was clicked, or it
 * opened and something took the focus).
 */
async function recordFocusAndPalette(page: Page): Promise<void> {
  await page.evaluate(() => {
    const page = globalThis as unknown as RecordedPage;
    if (page.paletteStory) return;
    const story: string[] = (page.paletteStory = []);
    const at = (): string => page.performance.now().toFixed(0);
    const describe = (node: RecordedNode): string => `${node.tagName?.toLowerCase() ?? '?'}.${typeof node.className === 'string' ? node.className.split(' ').join('.') : ''}`;
    page.document.addEventListener('focusin', (event) => story.push(`${at()} focus ${describe(event.target)}`), true);
    page.document.addEventListener('mousedown', (event) => story.push(`${at()} mousedown ${describe(event.target)}`), true);
    page.document.addEventListener('click', (event) => story.push(`${at()} click ${describe(event.target)}`), true);
    let shown: boolean | undefined;
    new page.MutationObserver((records) => {
      for (const { target } of records) {
        if (typeof target.className !== 'string' || !target.className.includes('quick-input-widget')) continue;
        const now = target.style?.display !== 'none';
        if (now !== shown) story.push(`${at()} palette ${now ? 'shown' : 'hidden'}`);
        shown = now;
      }
    }).observe(page.document.body, { subtree: true, attributes: true, attributeFilter: ['style'] });
  });
}

async function paletteStory(page: Page): Promise<string> {
  const story = await page.evaluate(() => (globalThis as unknown as RecordedPage).paletteStory ?? []).catch(() => ['(the page did not answer)']);
  return story.length > 0 ? story.slice(-40).join('; ') : 'nothing (no click, focus change or palette change reached the page)';
}

/** Waits for the active terminal to show `text` (the test code-server draws terminals as DOM rows). */
export async function waitForTerminalText(page: Page, text: string): Promise<void> {
  await page.locator('.terminal-wrapper.active .xterm-rows', { hasText: text }).waitFor({ timeout: STEP_TIMEOUT });
}
