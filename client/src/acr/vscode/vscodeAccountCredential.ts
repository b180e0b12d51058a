// Entra ID tokens from the Microsoft account VS Code already knows (`vscode.authentication`), shaped
// like an @azure/identity credential so that the token exchange treats it like any other.
import * as vscode from 'vscode';
import type { AccountCredential } from '../auth/signInSession';
import type { SignInTarget } from '../auth/signInTarget';
import { AZURE_CLOUDS } from '../cloud/azureClouds';

const SOVEREIGN_AUTHORITIES: readonly string[] = [AZURE_CLOUDS.china.authorityHost, AZURE_CLOUDS.usGovernment.authorityHost];

/**
 * The authentication provider to ask: `acr.authenticationProvider` when set; else VS Code's `microsoft`
 * provider, or `microsoft-sovereign-cloud` for the China and US Government clouds.
 */
export function authenticationProviderFor(target: SignInTarget): string {
  const configured = vscode.workspace.getConfiguration('acr').get<string>('authenticationProvider');
  if (configured) return configured;
  return SOVEREIGN_AUTHORITIES.includes(target.authorityHost) ? 'microsoft-sovereign-cloud' : 'microsoft';
}

/**
 * An interactive credential may ask the user to sign in or to allow access; a silent one (renewals)
 * returns no token instead, which the exchange reports as "sign in again".
 */
export function vscodeAccountCredential(target: SignInTarget, tenantId: string | undefined, interactive: boolean): AccountCredential {
  const providerId = authenticationProviderFor(target);
  let account: string | undefined;
  return {
    account: () => account,
    getToken: async (scope) => {
      const scopes = [scope, ...(tenantId ? [`VSCODE_TENANT:${tenantId}`] : [])];
      const session = await vscode.authentication.getSession(providerId, scopes, interactive ? { createIfNone: true } : { silent: true });
      if (!session) return null;
      account = session.account.label;
      return { token: session.accessToken };
    },
  };
}
