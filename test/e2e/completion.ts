// A person types in the demo Earthfile: `BUILD +` offers the targets of this file and of the Earthfiles
// below it, one from ./services/api is picked and the line completes; `COPY --` offers the flags and
// `--dir` replaces the dashes typed. The flow types in a copy of the demo Earthfile beside it
// (`typing.earth`), so that the Earthfile the other flows read stays as it is.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openFile, runCommand, waitForExtension, waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;
const COPY = 'typing.earth';

/** The suggestion whose label is exactly `label`, once the suggest widget lists it. */
async function pickSuggestion(page: Page, label: string): Promise<void> {
  const name = page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  await page.locator('.suggest-widget .monaco-list-row', { has: name }).first().click({ timeout: STEP_TIMEOUT });
}

/** Waits for an editor line that reads exactly `text` (the editor draws spaces as no-break spaces). */
async function waitForLine(page: Page, text: RegExp): Promise<void> {
  await page.locator('.monaco-editor .view-line', { hasText: text }).first().waitFor({ timeout: STEP_TIMEOUT });
}

export const completionFlow: Flow = {
  name: 'typing BUILD + offers the targets of ./services/api and completes the line; COPY -- picks --dir',
  prepare(workspace) {
    copyFileSync(join(workspace, 'Earthfile'), join(workspace, COPY));
  },
  async run({ page, screenshot }) {
    await waitForWorkbench(page);
    await waitForExtension(page);
    await openFile(page, COPY);
    await page.locator('.monaco-editor .view-line', { hasText: 'BUILD +lint' }).first().waitFor({ timeout: STEP_TIMEOUT });
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
