// The ACR wing's public face: what the rest of the extension uses of it. The Earthly runner imports
// nothing else from acr/: it renews and signs in to the registries a run uses, named as ACR names them.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commandIds';

export { registerAcr, type AcrApi } from './vscode/acrCommands';
export { readAcrSettings } from './vscode/acrSettings';
export { loginServerOf, type AcrSettings } from './auth/signInTarget';
export { cloudOfLoginServer } from './cloud/loginServer';

/**
 * "ACR: Login" as the user runs it: for `loginServer`, or asking which registry without one. Resolves true
 * when it signed in; false when the user cancelled or it failed (the sign-in has said why).
 */
export async function signInInteractively(loginServer?: string): Promise<boolean> {
  const status = await vscode.commands.executeCommand<unknown>(COMMAND_IDS.acrLogin, ...(loginServer ? [{ loginServer }] : []));
  return Boolean(status);
}
