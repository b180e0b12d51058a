// A person runs an Earthly task that pushes to the local registry without being signed in: the run
// offers "Sign in to <registry>", signs in with a service principal, then runs, and the terminal shows
// earthly's output. The registry refuses the push (401): "Sign in again and re-run" does both. Signed
// out, "Run anyway" runs without signing in.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { standInRecordOf, standInRuns, type StandInRun } from '../integration/standInEarthly';
import { answer, pick } from './acrLogin';
import { runCommand, waitForExtension, waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;
const DIR = 'runner-flow';

/** The first row of the open quick pick that shows `text`. */
export function row(page: Page, text: string) {
  return page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
}

/** The page's performance marks, as far as the tests read them (they are type-checked without DOM types). */
type MarkedPage = { performance: { getEntriesByName(name: string): unknown[] } };

/**
 * Tasks: Run Task. VS Code 1.100 ignores that command, silently, until its task service has
 * reconnected to the tasks of earlier sessions, which it does once the terminal service has connected
 * to its backend: up to 10 s after the window opens on a busy machine. The terminal service records
 * the performance mark `code/terminal/didGetPerformanceMarks` just before it says it is connected, so
 * the flow waits for that mark; the picker itself opens once every task provider has answered.
 */
export async function openTaskPicker(page: Page): Promise<void> {
  await waitForExtension(page);
  await page.waitForFunction(
    () => (globalThis as unknown as MarkedPage).performance.getEntriesByName('code/terminal/didGetPerformanceMarks').length > 0,
    undefined,
    { timeout: STEP_TIMEOUT },
  );
  await runCommand(page, 'Tasks: Run Task');
  await page.locator('.quick-input-widget input[placeholder="Select the task to run"]').waitFor({ timeout: STEP_TIMEOUT });
}

/** The stand-in's runs of `target` in `workspace`, once there are `count` of them (a run starts asynchronously). */
export async function waitForRuns(page: Page, workspace: string, target: string, count: number, failure: string): Promise<StandInRun[]> {
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    const runs = standInRuns(standInRecordOf(workspace)).filter((r) => r.argv.includes(target));
    if (runs.length >= count) return runs;
    if (Date.now() > deadline) throw new Error(`${failure} (runs: ${runs.length})`);
    await page.waitForTimeout(100);
  }
}

/** The page's document as far as the picker's input goes (the tests are type-checked without DOM types). */
type QuickInputDocument = { document: { querySelector(selector: string): { value: string } | null } };

/** Tasks: Run Task → earthly → the task named `name` (clicked: Enter would take the palette's top row). */
async function runTask(page: Page, name: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await openTaskPicker(page);
  // The `earthly` type, not a recently used `earthly: …` task (the filter brings it into view).
  await input.fill('earthly');
  await page.locator('.quick-input-list .monaco-list-row[aria-label^="All earthly tasks"]').click({ timeout: STEP_TIMEOUT });
  // The same picker then empties its filter and lists the type's tasks, but only once every earthly task
  // is known: until then it still shows the first list, where a recently used row matches `name` and a
  // click does nothing. The second list always shows a "Go back" row, whatever the filter.
  await page.waitForFunction(() => (globalThis as unknown as QuickInputDocument).document.querySelector('.quick-input-widget input')?.value === '', undefined, { timeout: STEP_TIMEOUT });
  await input.fill(name);
  await row(page, 'Go back').waitFor({ timeout: STEP_TIMEOUT });
  await row(page, name).click({ timeout: STEP_TIMEOUT });
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
}

export async function clickNotificationButton(page: Page, label: string): Promise<void> {
  await page.locator('.notifications-toasts .monaco-button', { hasText: label }).first().click({ timeout: STEP_TIMEOUT });
}

/** Answers the sign-in questions for the service principal `clientId`, after a "Sign in to …". */
export async function answerServicePrincipal(page: Page, clientId: string, clientSecret: string): Promise<void> {
  await pick(page, 'Service principal');
  // The tenant comes prefilled from the registry's `acr.registries` entry.
  await answer(page, 'Tenant (directory) id');
  await answer(page, 'Application (client) id', clientId);
  await answer(page, 'Client secret', clientSecret);
}

export const earthlyTaskFlow: Flow = {
  name: 'Earthly task: signs in to the registry a push needs, runs, after a 401 signs in again and re-runs; signed out, Run anyway runs',
  async run({ page, workspace, acr, screenshot }) {
    const target = `./${DIR}+unauthorized`;
    mkdirSync(join(workspace, DIR), { recursive: true });
    writeFileSync(
      join(workspace, DIR, 'Earthfile'),
      [
        'VERSION 0.8',
        'unauthorized:',
        '    FROM alpine:3.20',
        `    SAVE IMAGE --push ${acr.loginServer}/flow/app:denied`,
        '',
      ].join('\n'),
    );
    await waitForWorkbench(page);
    await page.locator('.statusbar-item', { hasText: 'ACR: Sign in' }).waitFor({ timeout: STEP_TIMEOUT });

    await runTask(page, `${target} --push`);
    await clickNotificationButton(page, `Sign in to ${acr.loginServer}`);
    await answerServicePrincipal(page, acr.servicePrincipal.clientId, acr.servicePrincipal.clientSecret);
    const terminal = page.locator('.terminal .xterm-rows');
    await terminal.filter({ hasText: `> earthly --push ${target}` }).waitFor({ timeout: STEP_TIMEOUT });
    await terminal.filter({ hasText: '401 Unauthorized' }).waitFor({ timeout: STEP_TIMEOUT });
    await screenshot('earthly-task-401');
    await clickNotificationButton(page, 'Sign in again and re-run');
    await answerServicePrincipal(page, acr.servicePrincipal.clientId, acr.servicePrincipal.clientSecret);
    await waitForRuns(page, workspace, target, 2, 'the task did not run again after signing in');
    // The re-run found the registry signed in: it checked the credentials instead of asking.
    await terminal.filter({ hasText: `The credentials for ${acr.loginServer} are fresh` }).waitFor({ timeout: STEP_TIMEOUT });
    await runCommand(page, 'ACR: Logout');
    await page.locator('.statusbar-item', { hasText: 'ACR: Sign in' }).waitFor({ timeout: STEP_TIMEOUT });

    await runTask(page, `${target} --push`);
    await clickNotificationButton(page, 'Run anyway');
    await waitForRuns(page, workspace, target, 3, '"Run anyway" did not run the task');
    // It ran without a sign-in: the status bar still offers one.
    await page.locator('.statusbar-item', { hasText: 'ACR: Sign in' }).waitFor({ timeout: STEP_TIMEOUT });
  },
};
