// A sign-in fails because the registry's firewall refuses this machine: the error notification says so
// and offers "Retry"; once the registry lets the machine in, Retry signs in without asking anything again.
import { control } from '../integration/acrTestEnvironment';
import { signInWithServicePrincipal } from './acrLogin';
import { runCommand, waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;

export const acrRetryFlow: Flow = {
  name: 'ACR: a failed sign-in says why and offers Retry, which signs in once the registry lets the machine in',
  async run({ page, acr, screenshot }) {
    await waitForWorkbench(page);
    await control(acr, 'POST', 'faults', { kind: 'firewall', pathPrefix: '/v2/' });
    try {
      await signInWithServicePrincipal(page, acr);
      const failed = page.locator('.notification-toast', { hasText: 'firewall' });
      await failed.waitFor({ timeout: STEP_TIMEOUT });
      await page.locator('.notification-toast', { hasText: 'Signing in to' }).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
      await screenshot('acr-sign-in-failed-retry');
    } finally {
      await control(acr, 'DELETE', 'faults');
    }
    await page.locator('.notification-toast', { hasText: 'firewall' }).locator('.monaco-button', { hasText: 'Retry' }).click({ timeout: STEP_TIMEOUT });
    await page.locator('.statusbar-item', { hasText: new RegExp(`ACR ${acr.loginServer.replace(/\./g, '\\.')} \\d+h \\d+m`) }).waitFor({ timeout: STEP_TIMEOUT });
    await runCommand(page, 'ACR: Logout');
    await page.locator('.statusbar-item', { hasText: 'ACR: Sign in' }).waitFor({ timeout: STEP_TIMEOUT });
  },
};
