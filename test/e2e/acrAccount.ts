// A person signs in to the registry with the account VS Code knows (a test authentication provider stands
// in for Microsoft accounts), allows the sign-in, and sees the status bar item. When the account is signed
// out, renewing fails with one "Sign in again" notification, which signs the person in again. (That later
// failures do not ask again is checked by the integration suite.)
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/paths';
import { skopeoInspect } from '../integration/acrTestEnvironment';
import { answer, pick } from './acrLogin';
import { runCommand, waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;

/** Answers VS Code's "The extension … wants to sign in using Test accounts." with Allow. */
async function allowSignIn(page: Page): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'wants to sign in using Test accounts' });
  await dialog.locator('.monaco-button', { hasText: 'Allow' }).click({ timeout: STEP_TIMEOUT });
}

async function renewFromStatus(page: Page, loginServer: string): Promise<void> {
  await runCommand(page, 'ACR: Show Credentials Status');
  await pick(page, loginServer);
  await pick(page, 'Renew now');
}

export const acrAccountFlow: Flow = {
  name: 'ACR: Login with the VS Code account; when it is signed out, one "Sign in again" notification signs in again',
  extensionDevelopmentPaths: [join(REPO_ROOT, 'test', 'fixtures', 'test-accounts-extension')],
  async run({ page, acr, screenshot }) {
    await waitForWorkbench(page);
    await page.locator('.statusbar-item', { hasText: 'ACR: Sign in' }).waitFor({ timeout: STEP_TIMEOUT });
    await runCommand(page, 'ACR: Login');
    await pick(page, acr.loginServer);
    await pick(page, 'Microsoft account signed in to VS Code');
    await answer(page, 'Tenant (directory) id');
    await allowSignIn(page);
    const signedIn = page.locator('.statusbar-item', { hasText: new RegExp(`ACR ${acr.loginServer.replace(/\./g, '\\.')} \\d+h \\d+m`) });
    await signedIn.waitFor({ timeout: STEP_TIMEOUT });
    const pulled = await skopeoInspect(acr);
    if (pulled.code !== 0) throw new Error(`skopeo could not pull with the written credentials: ${pulled.stderr}`);

    await runCommand(page, 'Test Accounts: Sign Out Everywhere');
    await renewFromStatus(page, acr.loginServer);
    const askAgain = page.locator('.notification-toast', { hasText: 'can no longer be renewed without you' });
    await askAgain.waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('.statusbar-item', { hasText: 'sign in needed' }).waitFor({ timeout: STEP_TIMEOUT });
    const asked = await askAgain.count();
    if (asked !== 1) throw new Error(`${asked} "Sign in again" notifications, expected one`);
    await screenshot('acr-sign-in-again');

    await askAgain.locator('.monaco-button', { hasText: 'Sign in again' }).click({ timeout: STEP_TIMEOUT });
    await allowSignIn(page);
    await signedIn.waitFor({ timeout: STEP_TIMEOUT });
    await runCommand(page, 'ACR: Logout');
    await page.locator('.statusbar-item', { hasText: 'ACR: Sign in' }).waitFor({ timeout: STEP_TIMEOUT });
  },
};
