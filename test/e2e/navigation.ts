// A person presses F12 on `./services/api+build` in (a copy of) the demo Earthfile and lands on that target in
// services/api/Earthfile, then renames it with F2 and sees both Earthfiles change. VS Code saves the
// files a rename changed (files.refactoring.autoSave): the flow renames it back from a reference, so the
// Earthfiles the other flows read end as they began, byte for byte.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { copyOfDemoEarthfile, openFile, runCommand, waitForExtension, waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;
const REFERENCE = './services/api+build/api';
/** A copy of the demo Earthfile beside it, which Quick Open finds by a name no other file has. */
const COPY = 'navigation.earth';
/** The Earthfiles that name the target renamed: these two, and the copies of the first that other flows make. */
const earthfilesNamingIt = (workspace: string): string[] => ['Earthfile', 'services/api/Earthfile', ...readdirSync(workspace).filter((f) => f.endsWith('.earth'))];

/** Puts the cursor at 1-based `line`, `column` with Go to Line (Ctrl+G), as keyboard users do. */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_TIMEOUT });
  // Go to Line is Quick Open with a `:` (the browser's Ctrl+G opens it so): the prefix is typed with the line.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
}

/** Waits for a line of the active editor that matches `text` (the editor draws spaces as no-break spaces). */
async function waitForLine(page: Page, text: RegExp): Promise<void> {
  await page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text }).first().waitFor({ timeout: STEP_TIMEOUT });
}

/** Waits until the files on disk read as `expected` again (VS Code saves them a moment after the rename). */
async function waitForSaved(workspace: string, expected: ReadonlyMap<string, string>): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    const differing = [...expected].filter(([file, text]) => readFileSync(join(workspace, file), 'utf8') !== text).map(([file]) => file);
    if (differing.length === 0) return;
    if (Date.now() > deadline) throw new Error(`after renaming back, ${differing.join(' and ')} on disk differ from how they began`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const navigationFlow: Flow = {
  name: 'F12 on ./services/api+build opens services/api/Earthfile at build; F2 renames it in both Earthfiles',
  prepare: copyOfDemoEarthfile(COPY),
  async run({ page, workspace, screenshot }) {
    await waitForWorkbench(page);
    await waitForExtension(page);
    const originals = new Map(earthfilesNamingIt(workspace).map((file) => [file, readFileSync(join(workspace, file), 'utf8')]));
    try {
      await renameThereAndBack(page, workspace, originals, screenshot);
    } finally {
      // Whatever happened, the flows after this one read the Earthfiles as they began.
      for (const [file, text] of originals) if (readFileSync(join(workspace, file), 'utf8') !== text) writeFileSync(join(workspace, file), text);
    }
  },
};

async function renameThereAndBack(page: Page, workspace: string, originals: ReadonlyMap<string, string>, screenshot: (name: string) => Promise<void>): Promise<void> {
  const lines = originals.get(COPY)!.split('\n');
  const line = lines.findIndex((l) => l.includes(REFERENCE));
  if (line < 0) throw new Error(`the demo Earthfile has no line with ${REFERENCE}`);
  await openFile(page, COPY);
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

  // Back to where F12 was pressed: the reference there was renamed too.
  await runCommand(page, 'Go Back');
  await waitForLine(page, /COPY\s\.\/services\/api\+compile\/api/);
  await screenshot('navigation-renamed');

  // Forward again, to the reference further down services/api/Earthfile (below the editor's bottom edge
  // when the panel is open: Go to Line reveals it), renamed too; renamed back from there.
  await runCommand(page, 'Go Forward');
  await waitForLine(page, /^compile:$/);
  const apiLines = originals.get('services/api/Earthfile')!.split('\n');
  const copyLine = apiLines.findIndex((l) => l.includes('COPY +build/api'));
  await goTo(page, copyLine + 1, apiLines[copyLine]!.indexOf('+build') + 2);
  await waitForLine(page, /COPY\s\+compile\/api/);
  await page.keyboard.press('F2');
  await rename.waitFor({ timeout: STEP_TIMEOUT });
  if ((await rename.inputValue()) !== 'compile') throw new Error(`F2 on the reference offers to rename "${await rename.inputValue()}", not compile`);
  await rename.fill('build');
  await page.keyboard.press('Enter');
  await waitForLine(page, /COPY\s\+build\/api/);
  await waitForSaved(workspace, originals);
}
