// A person signs in to the registry from the palette with a service principal, sees the status bar item
// with the time left (in the warning colour, since these tokens live 10 minutes), and signs out again.
import type { Page } from 'playwright-core';
import { control, type AcrTestEnvironment } from '../integration/acrTestEnvironment';
import { runCommand, waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;

/** Waits for the quick input to show `prompt`, types `value` (or keeps what is there) and presses Enter. */
export async function answer(page: Page, prompt: string, value?: string): Promise<void> {
  await page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ timeout: STEP_TIMEOUT });
  if (value !== undefined) await page.locator('.quick-input-widget input').fill(value);
  await page.keyboard.press('Enter');
}

/** Picks the row of the open quick pick that shows `label`. */
export async function pick(page: Page, label: string): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click({ timeout: STEP_TIMEOUT });
}

export async function signInWithServicePrincipal(page: Page, acr: AcrTestEnvironment): Promise<void> {
  // The palette lists the extension's commands once its extension host is up; the item says it is.
  await page.locator('.statusbar-item', { hasText: 'ACR: Sign in' }).waitFor({ timeout: STEP_TIMEOUT });
  await runCommand(page, 'ACR: Login');
  await pick(page, acr.loginServer);
  await pick(page, 'Service principal with a secret');
  // The tenant comes prefilled from the registry's `acr.registries` entry.
  await answer(page, 'Tenant (directory) id');
  await answer(page, 'Application (client) id', acr.servicePrincipal.clientId);
  await answer(page, 'Client secret', acr.servicePrincipal.clientSecret);
}

export const acrLoginFlow: Flow = {
  name: 'ACR: Login from the palette with a service principal shows the status bar item',
  async run({ page, acr, screenshot }) {
    await waitForWorkbench(page);
    await control(acr, 'PATCH', 'lifetimes', { acrRefreshToken: 600 });
    try {
      await signInWithServicePrincipal(page, acr);
      const item = page.locator('.statusbar-item', { hasText: new RegExp(`ACR ${acr.loginServer.replace(/\./g, '\\.')} \\d+m`) });
      await item.waitFor({ timeout: STEP_TIMEOUT });
      // Under 15 minutes left: the warning colour.
      const classes = (await item.getAttribute('class')) ?? '';
      if (!classes.includes('warning-kind')) throw new Error(`the status bar item is not in the warning colour: "${classes}"`);
      await screenshot('acr-login-status-bar');
    } finally {
      await control(acr, 'PATCH', 'lifetimes', { acrRefreshToken: 10800 });
    }
    await runCommand(page, 'ACR: Logout');
    await page.locator('.statusbar-item', { hasText: 'ACR: Sign in' }).waitFor({ timeout: STEP_TIMEOUT });
  },
};
