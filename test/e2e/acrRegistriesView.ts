// A person opens the Azure Container Registry side bar, sees the configured registry as not signed in,
// signs in from the view's title button with a service principal, sees the row turn into a signed-in
// one with the time left, and signs out with the row's inline button.
import { answer, pick } from './acrLogin';
import { waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;

export const acrRegistriesViewFlow: Flow = {
  name: 'ACR: the Registries view signs in from its title and out from a row',
  async run({ page, acr, screenshot }) {
    await waitForWorkbench(page);
    await page.locator('.activitybar .action-label[aria-label^="Azure Container Registry"]').click({ timeout: STEP_TIMEOUT });
    const sidebar = page.locator('.part.sidebar');
    const row = sidebar.locator('.monaco-list-row', { hasText: acr.loginServer });
    await row.filter({ hasText: 'not signed in' }).waitFor({ timeout: STEP_TIMEOUT });

    await sidebar.locator('.action-label[aria-label="Login"]').first().click({ timeout: STEP_TIMEOUT });
    await pick(page, acr.loginServer);
    await pick(page, 'Service principal with a secret');
    await answer(page, 'Tenant (directory) id');
    await answer(page, 'Application (client) id', acr.servicePrincipal.clientId);
    await answer(page, 'Client secret', acr.servicePrincipal.clientSecret);
    await row.filter({ hasText: /\d+m left/ }).waitFor({ timeout: STEP_TIMEOUT });
    await screenshot('acr-registries-view');

    await row.hover();
    await row.locator('.action-label[aria-label="Logout"]').click({ timeout: STEP_TIMEOUT });
    await row.filter({ hasText: 'not signed in' }).waitFor({ timeout: STEP_TIMEOUT });
  },
};
