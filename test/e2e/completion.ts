// A person types in the demo Earthfile: `BUILD +` offers the targets of this file and of the Earthfiles
// below it, one from ./services/api is picked and the line completes; `COPY --` offers the flags and
// `--dir` replaces the dashes typed. The flow types in a copy of the demo Earthfile beside it
// (`typing.earth`), so that the Earthfile the other flows read stays as it is.
import type { Page } from 'playwright-core';
import { copyOfDemoEarthfile, openFile, runCommand, waitForExtension, waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;
const COPY = 'typing.earth';

const FOCUSED_ROW = '.suggest-widget .monaco-list-row.focused';

/** The suggest widget's focused row, as far as the flow reads it (the tests are type-checked without DOM types). */
type SuggestDocument = { document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null } };

/**
 * Accepts the suggestion whose label is exactly `label` the way a keyboard user does: Down until it is
 * focused, then Enter. The widget draws only the rows that fit its height, and which fit depends on the
 * window, the panel and the other Earthfiles of the workspace; the focused row is always drawn.
 */
async function pickSuggestion(page: Page, label: string): Promise<void> {
  const focusedLabel = (): Promise<string | null> =>
    page.evaluate((focused) => (globalThis as unknown as SuggestDocument).document.querySelector(focused)?.getAttribute('aria-label') ?? null, FOCUSED_ROW);
  // Listed once the widget has filtered what was typed (it refilters a moment after each key).
  const wanted = page.locator(`.suggest-widget .monaco-list-row[aria-label^="${label},"]`).first();
  const size = Number(await wanted.getAttribute('aria-setsize', { timeout: STEP_TIMEOUT }));
  const seen: string[] = [];
  for (let row = 0; row < size; row++) {
    const focused = await focusedLabel();
    // A row's aria-label is its label, a comma, then its kind and details.
    if (focused?.startsWith(`${label},`)) {
      await page.keyboard.press('Enter');
      return;
    }
    seen.push(focused ?? '(none focused)');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      ([selector, previous]) => (globalThis as unknown as SuggestDocument).document.querySelector(selector)?.getAttribute('aria-label') !== previous,
      [FOCUSED_ROW, focused] as const,
      { timeout: STEP_TIMEOUT },
    );
  }
  throw new Error(`the suggest widget does not offer ${label}; it offers: ${seen.join(' | ')}`);
}

/** Waits for an editor line that reads exactly `text` (the editor draws spaces as no-break spaces). */
async function waitForLine(page: Page, text: RegExp): Promise<void> {
  await page.locator('.monaco-editor .view-line', { hasText: text }).first().waitFor({ timeout: STEP_TIMEOUT });
}

export const completionFlow: Flow = {
  name: 'typing BUILD + offers the targets of ./services/api and completes the line; COPY -- picks --dir',
  prepare: copyOfDemoEarthfile(COPY),
  async run({ page, screenshot }) {
    await waitForWorkbench(page);
    await waitForExtension(page);
    await openFile(page, COPY);
    await page.locator('.monaco-editor .view-line', { hasText: 'BUILD +lint' }).first().waitFor({ timeout: STEP_TIMEOUT });
    // The Run CodeLenses drawn above every target push the lines down: were they drawn after Ctrl+End
    // revealed the last line, that line (and the suggest widget at its cursor) would sit below the
    // editor's bottom edge whenever the panel is open.
    await page.locator('.monaco-editor .codelens-decoration', { hasText: 'Run' }).first().waitFor({ timeout: STEP_TIMEOUT });
    // The demo Earthfile ends with a line break: Ctrl+End puts the cursor on an empty last line.
    await page.keyboard.press('Control+End');
    await page.keyboard.type('    BUILD +');
    await page.locator('.suggest-widget.visible').waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('.suggest-widget .monaco-list-row .label-name', { hasText: /^\+?lint$/ }).waitFor({ timeout: STEP_TIMEOUT });
    await screenshot('completion-build-plus');
    // The list holds this file's targets, then those of every Earthfile below: typing narrows it.
    await page.keyboard.type('bui');
    await pickSuggestion(page, './services/api+build');
    await waitForLine(page, /^\s*BUILD\s\.\/services\/api\+build$/);

    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('COPY --');
    await pickSuggestion(page, '--dir');
    await waitForLine(page, /^\s*COPY\s--dir$/);
    await screenshot('completion-copy-dir');

    await runCommand(page, 'View: Revert and Close Editor');
  },
};
