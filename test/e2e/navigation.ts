// A person presses F12 on `./services/api+build` in the demo Earthfile and lands on that target in
// services/api/Earthfile, then renames it with F2 and sees both Earthfiles change. Nothing is saved:
// both editors are reverted at the end, so the Earthfiles the other flows read stay as they are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openFile, runCommand, waitForExtension, waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;
const REFERENCE = './services/api+build/api';

/** Puts the cursor at 1-based `line`, `column` with Go to Line (Ctrl+G), as keyboard users do. */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_TIMEOUT });
  await input.fill(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
}

/** Waits for a line of the active editor that matches `text` (the editor draws spaces as no-break spaces). */
async function waitForLine(page: Page, text: RegExp): Promise<void> {
  await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text }).first().waitFor({ timeout: STEP_TIMEOUT });
}

export const navigationFlow: Flow = {
  name: 'F12 on ./services/api+build opens services/api/Earthfile at build; F2 renames it in both Earthfiles',
  async run({ page, workspace, screenshot }) {
    await waitForWorkbench(page);
    await waitForExtension(page);
    const lines = readFileSync(join(workspace, 'Earthfile'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes(REFERENCE));
    if (line < 0) throw new Error(`the demo Earthfile has no line with ${REFERENCE}`);
    await openFile(page, 'Earthfile');
    await waitForLine(page, /COPY\s\.\/services\/api\+build\/api/);
    // On the `b` of `build`.
    await goTo(page, line + 1, lines[line]!.indexOf('+build') + 2);
    await page.keyboard.press('F12');
    // A line only services/api/Earthfile has.
    await waitForLine(page, /RUN\sCGO_ENABLED=0\sgo\sbuild/);
    await page.locator('.tab.active[aria-label^="Earthfile"]').waitFor({ timeout: STEP_TIMEOUT });
    await screenshot('navigation-definition');

    // The cursor is on the target's name in its header.
    await page.keyboard.press('F2');
    const rename = page.locator('.rename-box input');
    await rename.waitFor({ timeout: STEP_TIMEOUT });
    if ((await rename.inputValue()) !== 'build') throw new Error(`F2 offers to rename "${await rename.inputValue()}", not build`);
    await rename.fill('compile');
    await screenshot('navigation-rename');
    await page.keyboard.press('Enter');
    await waitForLine(page, /^compile:$/);
    await waitForLine(page, /COPY\s\+compile\/api/);

    // Back to where F12 was pressed: the reference there was renamed too.
    await page.keyboard.press('Alt+ArrowLeft');
    await waitForLine(page, /COPY\s\.\/services\/api\+compile\/api/);
    await screenshot('navigation-renamed');

    await runCommand(page, 'View: Revert and Close Editor');
    await runCommand(page, 'View: Revert and Close Editor');
    // Both files are as they were on disk.
    for (const file of ['Earthfile', 'services/api/Earthfile']) {
      if (readFileSync(join(workspace, file), 'utf8').includes('compile')) throw new Error(`${file} was saved with the rename`);
    }
  },
};
