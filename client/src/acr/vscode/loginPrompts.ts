// "ACR: Login" asks for what a sign-in needs, one step at a time: the registry, the method, then the
// method's fields. Values passed to the command (e.g. by "Sign in again") are not asked for again.
import * as vscode from 'vscode';
import { AZURE_CLI_MISSING, azureCliPath } from '../auth/azureCliLocation';
import { methodChoices } from '../auth/methodChoices';
import { SIGN_IN_METHODS } from '../auth/methodTable';
import type { SignInMethod } from '../auth/signInMethods';
import { loginServerOf, signInTargetFor } from '../auth/signInTarget';
import { adminUserName } from '../cloud/loginServer';
import { readAcrSettings } from './acrSettings';
import type { AcrLoginRequest, AcrSignIns } from './acrSignIns';

/** What the command may be given; any field missing is asked for. */
export type PartialLoginRequest = Partial<Record<'loginServer' | 'method' | 'tenantId' | 'clientId' | 'certificatePath' | 'username', string>>;

const OTHER_REGISTRY = 'Enter a registry name or login server…';

async function pickRegistry(signIns: AcrSignIns): Promise<string | undefined> {
  const settings = readAcrSettings();
  const known = [...new Set([...settings.registries.map((r) => r.loginServer), ...signIns.status().map((s) => s.loginServer)])];
  if (known.length > 0) {
    const picked = await vscode.window.showQuickPick([...known.map((label) => ({ label })), { label: OTHER_REGISTRY }], {
      title: 'ACR: Login',
      placeHolder: 'Registry to sign in to',
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (picked.label !== OTHER_REGISTRY) return picked.label;
  }
  const typed = await vscode.window.showInputBox({
    title: 'ACR: Login',
    prompt: 'Registry name (myregistry) or login server (myregistry.azurecr.io, .azurecr.cn, .azurecr.us, or a host from acr.registries)',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' || loginServerOf(value, settings) ? undefined : 'Not a registry name or host name.'),
  });
  return typed ? loginServerOf(typed, settings) : undefined;
}

async function pickMethod(signIns: AcrSignIns, loginServer: string): Promise<SignInMethod | undefined> {
  const picked = await vscode.window.showQuickPick(methodChoices(signIns.lastMethod(loginServer), azureCliPath() !== undefined), {
    title: `ACR: Login to ${loginServer}`,
    placeHolder: 'Sign-in method',
    ignoreFocusOut: true,
  });
  if (picked && !picked.available) {
    void vscode.window.showWarningMessage(`ACR: ${AZURE_CLI_MISSING}`, 'Install the Azure CLI').then((choice) => {
      if (choice) void vscode.env.openExternal(vscode.Uri.parse('https://aka.ms/azure-cli'));
    });
    return undefined;
  }
  return picked?.method;
}

/** An optional tenant: empty means the account's home tenant. Undefined when the user cancelled. */
function askTenant(title: string, value: string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: "Tenant (directory) id to sign in to; leave it empty for your account's home tenant",
    ignoreFocusOut: true,
    ...(value ? { value } : {}),
  });
}

function ask(title: string, prompt: string, options: { value?: string; password?: boolean } = {}): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt,
    ignoreFocusOut: true,
    ...(options.value ? { value: options.value } : {}),
    password: options.password ?? false,
    validateInput: (value) => (value.trim() === '' ? 'Required.' : undefined),
  });
}

/** The full request, or undefined when the user cancelled a step. */
export async function askForLogin(signIns: AcrSignIns, given: PartialLoginRequest = {}): Promise<AcrLoginRequest | undefined> {
  const loginServer = given.loginServer ? loginServerOf(given.loginServer, readAcrSettings()) : await pickRegistry(signIns);
  if (!loginServer) return undefined;
  const method = (given.method as SignInMethod | undefined) ?? (await pickMethod(signIns, loginServer));
  if (!method) return undefined;
  const title = `ACR: Login to ${loginServer} (${SIGN_IN_METHODS[method].label})`;
  const remembered = signIns.rememberedParameters(loginServer);
  if (method === 'vscodeAccount' || method === 'azureCli') {
    const tenantDefault = remembered?.method === method ? remembered.tenantId : signInTargetFor(loginServer, readAcrSettings()).tenantId;
    const tenantId = given.tenantId ?? (await askTenant(title, tenantDefault));
    if (tenantId === undefined) return undefined;
    return { loginServer, method, ...(tenantId.trim() ? { tenantId: tenantId.trim() } : {}) };
  }
  if (method === 'servicePrincipal' || method === 'servicePrincipalCertificate' || method === 'deviceCode') {
    const tenantDefault = remembered && 'tenantId' in remembered ? remembered.tenantId : signInTargetFor(loginServer, readAcrSettings()).tenantId;
    const tenantId = given.tenantId ?? (await ask(title, 'Tenant (directory) id', { value: tenantDefault }));
    if (!tenantId) return undefined;
    if (method === 'deviceCode') return { loginServer, method, tenantId: tenantId.trim(), ...(given.clientId ? { clientId: given.clientId } : {}) };
    // The application is the same whether it signs in with its secret or its certificate.
    const rememberedClient = remembered?.method === 'servicePrincipal' || remembered?.method === 'servicePrincipalCertificate' ? remembered.clientId : undefined;
    const clientId = given.clientId ?? (await ask(title, 'Application (client) id', { value: rememberedClient }));
    if (!clientId) return undefined;
    if (method === 'servicePrincipalCertificate') {
      const rememberedPath = remembered?.method === method ? remembered.certificatePath : undefined;
      const certificatePath = given.certificatePath ?? (await ask(title, 'Path of the PEM file holding the certificate and its private key', { value: rememberedPath }));
      if (!certificatePath) return undefined;
      return { loginServer, method, tenantId: tenantId.trim(), clientId: clientId.trim(), certificatePath: certificatePath.trim() };
    }
    const clientSecret = await ask(title, 'Client secret (kept in VS Code secret storage)', { password: true });
    if (!clientSecret) return undefined;
    return { loginServer, method, tenantId: tenantId.trim(), clientId: clientId.trim(), clientSecret };
  }
  const rememberedUser = remembered?.method === 'adminUser' ? remembered.username : undefined;
  const username =
    given.username ??
    (await ask(title, 'User name (the registry name for the admin user, or the token name)', { value: rememberedUser ?? adminUserName(loginServer) }));
  if (!username) return undefined;
  const password = await ask(title, 'Password (kept in VS Code secret storage)', { password: true });
  if (!password) return undefined;
  return { loginServer, method, username: username.trim(), password };
}
