// Which registries of a run are Azure Container Registries (to refresh before it starts), and whether
// its output says a registry refused the credentials (to offer signing in again). Pure.
import type * as acr from '../../acr';

/** The ACR wing's naming of registries, given by the caller (from acr/index.ts), so that this module loads no vscode. */
export type AcrNaming = Pick<typeof acr, 'loginServerOf' | 'cloudOfLoginServer'>;

/**
 * The ACR login servers among `hosts`: an Azure cloud's suffix (.azurecr.io, .cn, .us), a host listed in
 * `acr.registries`, or one signed in through "ACR: Login". Deduplicated, in the order given.
 */
export function acrLoginServers(hosts: readonly string[], settings: acr.AcrSettings, signedIn: readonly string[], naming: AcrNaming): string[] {
  const found: string[] = [];
  for (const host of hosts) {
    const loginServer = naming.loginServerOf(host, settings);
    if (!loginServer || found.includes(loginServer)) continue;
    if (naming.cloudOfLoginServer(loginServer) || settings.registries.some((r) => r.loginServer === loginServer) || signedIn.includes(loginServer)) {
      found.push(loginServer);
    }
  }
  return found;
}

/** What docker, buildkit and earthly print when a registry refuses the credentials. */
const AUTH_FAILURES: readonly RegExp[] = [
  /\b401 Unauthorized\b/i,
  /\bstatus(?: code)?:? 401\b/i,
  /\bunauthorized: authentication required\b/i,
  /\bauthentication required\b/i,
  /\bfailed to authorize\b/i,
];

export function isAuthFailure(line: string): boolean {
  return AUTH_FAILURES.some((pattern) => pattern.test(line));
}
