// A person clicks "Run" above a target and sees Earthly's output in the terminal; then "Run…" above
// another, answers its ARG prompts and picks a flag. Earthly here is the stand-in on PATH.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { answer } from './acrLogin';
import { openFile, runCommand, waitForTerminalText, waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;

/** A target with a required ARG and a defaulted one, written for this flow only. */
const GREET_EARTHFILE = `VERSION 0.8
FROM alpine:3.20

# Greets someone.
greet:
    ARG --required NAME
    ARG GREETING=hello
    RUN echo "$GREETING, $NAME"
`;

/** Clicks the CodeLens whose text is exactly `title` (codicons render as empty spans). */
export async function clickLens(page: Page, title: string): Promise<void> {
  await page.locator('.codelens-decoration a', { hasText: new RegExp(`^\\W*${title}$`) }).first().click({ timeout: STEP_TIMEOUT });
}

export const runCodeLensFlow: Flow = {
  name: 'Run on a CodeLens runs the target and shows earthly in the terminal',
  async run({ page, screenshot }) {
    await waitForWorkbench(page);
    await openFile(page, 'services/web/Earthfile');
    await clickLens(page, 'Run');
    // The runner prints the command line, then the stand-in's Earthly-shaped output.
    await waitForTerminalText(page, 'earthly ./services/web+build');
    await waitForTerminalText(page, './services/web+build | stand-in');
    await waitForTerminalText(page, 'SUCCESS');
    await screenshot('run-codelens-terminal');
  },
};

export const runWithArgsFlow: Flow = {
  name: 'Run… on a CodeLens asks for the ARGs and flags, runs with them and offers them again; Run Target… lists it first',
  async run({ page, workspace, screenshot }) {
    mkdirSync(join(workspace, 'greetings'), { recursive: true });
    writeFileSync(join(workspace, 'greetings', 'Earthfile'), GREET_EARTHFILE);
    await waitForWorkbench(page);
    await openFile(page, 'greetings/Earthfile');
    await clickLens(page, 'Run…');
    // The required ARG comes first; the defaulted one keeps its default when left empty.
    await answer(page, 'Required ARG NAME', 'Ada Lovelace');
    await answer(page, 'ARG GREETING');
    // In a multi-select list a click on a row toggles its checkbox.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '--no-cache' }).click({ timeout: STEP_TIMEOUT });
    await page.locator('.quick-input-widget', { hasText: '1 Selected' }).waitFor({ timeout: STEP_TIMEOUT });
    await screenshot('run-with-args-flags');
    await page.keyboard.press('Enter');
    await waitForTerminalText(page, "earthly --no-cache ./greetings+greet '--NAME=Ada Lovelace'");
    await waitForTerminalText(page, 'SUCCESS');
    await screenshot('run-with-args-terminal');

    // The next "Run…" offers the answers given: the name typed, the flag picked.
    await clickLens(page, 'Run…');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Required ARG NAME' }).waitFor({ timeout: STEP_TIMEOUT });
    if ((await input.inputValue()) !== 'Ada Lovelace') throw new Error(`NAME is offered as "${await input.inputValue()}", not the last answer`);
    await page.keyboard.press('Enter');
    await answer(page, 'ARG GREETING');
    await page.locator('.quick-input-widget', { hasText: '1 Selected' }).waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Escape');

    // "Earthly: Run Target…" lists the target just run first, under "recently run"; picking another runs it.
    await runCommand(page, 'Earthly: Run Target…');
    await page.locator('.quick-input-list', { hasText: 'recently run' }).waitFor({ timeout: STEP_TIMEOUT });
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    if (!(await first.innerText()).includes('./greetings+greet')) throw new Error(`the first target listed is "${await first.innerText()}"`);
    await screenshot('run-target-picker');
    // The list only renders the rows in view: narrow it down first, as a person would.
    await page.locator('.quick-input-widget input').fill('services/api+build');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: './services/api+build' }).click({ timeout: STEP_TIMEOUT });
    await waitForTerminalText(page, 'earthly ./services/api+build');
    await waitForTerminalText(page, 'SUCCESS');
  },
};
