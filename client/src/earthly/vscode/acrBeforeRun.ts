// Before a task runs: the ACR registries its target (and the local targets it builds) pull from or push
// to, each made fresh through the ACR sign-in (or offered a sign-in); after a run the registry refused:
// signing in again. The registries come from the server's targets request (`registries`, transitive).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { BUILD_FILE_NAMES } from '../../../../shared/src/earthfileNames';
import { errorMessage } from '../../../../shared/src/errorMessage';
import { cloudOfLoginServer, loginServerOf, readAcrSettings, type AcrApi } from '../../acr';
import { acrLoginServers } from '../run/registryHosts';
import { localTargetOf } from '../run/taskDefinition';
import type { WorkspaceTargets } from './workspaceTargets';

/** What the check did for one registry before a run. */
export interface RegistryCheck {
  readonly loginServer: string;
  /** fresh: nothing to do; renewed: a new token was written; signedIn: the user signed in; skipped: ran without. */
  readonly outcome: 'fresh' | 'renewed' | 'signedIn' | 'skipped' | 'failed';
}

export class AcrBeforeRun {
  constructor(
    private readonly acr: AcrApi,
    private readonly targets: WorkspaceTargets,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The ACR login servers the target named `reference` (as earthly sees it from `cwd`) uses. */
  async registriesOf(reference: string, cwd: string): Promise<string[]> {
    const local = localTargetOf(reference, cwd);
    const earthfile = local && BUILD_FILE_NAMES.map((name) => join(local.dir, name)).find((path) => existsSync(path));
    if (!local || !earthfile) return [];
    try {
      const summary = (await this.targets.targetsOf(vscode.Uri.file(earthfile))).find((t) => t.name === local.name);
      const signedIn = this.acr.status().map((s) => s.loginServer);
      return acrLoginServers(summary?.registries ?? [], readAcrSettings(), signedIn, { loginServerOf, cloudOfLoginServer });
    } catch (error) {
      this.log.warn(`Could not read the registries of ${reference}: ${errorMessage(error)}`);
      return [];
    }
  }

  /**
   * Makes each registry's credentials fresh, writing progress to the terminal; a registry not signed in
   * gets "Sign in to <registry>" / "Run anyway". Undefined when the user dismissed that question (no run).
   */
  async prepare(loginServers: readonly string[], reference: string, write: (line: string) => void): Promise<RegistryCheck[] | undefined> {
    const checks: RegistryCheck[] = [];
    for (const loginServer of loginServers) {
      const status = this.acr.status().find((s) => s.loginServer === loginServer);
      if (status && !status.needsSignIn) {
        checks.push(await this.refresh(loginServer, status.expiresAt, write));
        continue;
      }
      const signIn = `Sign in to ${loginServer}`;
      const choice = await vscode.window.showWarningMessage(
        `Earthly: ${reference} uses ${loginServer}, which ${status ? 'needs a new sign-in' : 'is not signed in'}.`,
        signIn,
        'Run anyway',
      );
      if (choice === undefined) return undefined;
      if (choice === signIn) {
        write(`Signing in to ${loginServer}…`);
        const signedIn = await this.acr.signInInteractively(loginServer);
        checks.push({ loginServer, outcome: signedIn ? 'signedIn' : 'skipped' });
      } else {
        checks.push({ loginServer, outcome: 'skipped' });
      }
    }
    return checks;
  }

  private async refresh(loginServer: string, expiresBefore: number | undefined, write: (line: string) => void): Promise<RegistryCheck> {
    write(`Checking the credentials for ${loginServer}…`);
    try {
      await this.acr.ensureFresh(loginServer);
    } catch (error) {
      const message = errorMessage(error);
      write(`Could not renew the credentials for ${loginServer}: ${message}`);
      this.log.warn(message);
      return { loginServer, outcome: 'failed' };
    }
    const expiresAt = this.acr.status().find((s) => s.loginServer === loginServer)?.expiresAt;
    const renewed = expiresAt !== expiresBefore;
    const until = expiresAt ? ` (valid until ${new Date(expiresAt).toLocaleTimeString()})` : '';
    write(renewed ? `Renewed the credentials for ${loginServer}${until}.` : `The credentials for ${loginServer} are fresh${until}.`);
    this.log.info(`Before a run: ${loginServer} ${renewed ? 'renewed' : 'was fresh'}.`);
    return { loginServer, outcome: renewed ? 'renewed' : 'fresh' };
  }

  /** After a registry refused the credentials: "Sign in again and re-run". Resolves true when it re-ran. */
  async offerSignInAgain(loginServers: readonly string[], reference: string, rerun: () => Thenable<unknown>): Promise<boolean> {
    const action = 'Sign in again and re-run';
    const where = loginServers.length > 0 ? loginServers.join(', ') : 'a registry';
    const choice = await vscode.window.showErrorMessage(`Earthly: ${reference} failed: ${where} refused the credentials.`, action);
    if (choice !== action) return false;
    if (loginServers.length === 0 && !(await this.acr.signInInteractively())) return false;
    for (const loginServer of loginServers) {
      if (!(await this.acr.signInInteractively(loginServer))) return false;
    }
    await rerun();
    return true;
  }
}
