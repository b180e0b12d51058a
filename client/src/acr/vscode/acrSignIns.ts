// The sign-in session (auth/signInSession.ts) in VS Code: plain facts live in globalState, secrets in
// SecretStorage, device codes and requests to sign in again are notifications, and the account is the
// Microsoft account VS Code knows.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../commandIds';
import type { AcrLoginRequest } from '../auth/methodTable';
import { acquireRefreshToken, entraCredentialFor, signInWithDeviceCode, type DeviceCodePrompt, type SignInMethod, type SignInParameters } from '../auth/signInMethods';
import { SignInSession, type AcrSignInStatus, type LoginOptions, type SignInRecord } from '../auth/signInSession';
import { eraseRegistryCredential, readRegistryCredential, storeRegistryCredential } from '../credentials/credentialStore';
import type { AcrLog } from './acrLog';
import { readAcrSettings } from './acrSettings';
import { vscodeAccountCredential } from './vscodeAccountCredential';

export type { AcrLoginRequest, AcrSignInStatus, LoginOptions };

const STATE_KEY = 'acr.signIns';
const LAST_METHOD_KEY = 'acr.lastMethods';

function secretKey(loginServer: string): string {
  return `acr.signIn/${loginServer}`;
}

export class AcrSignIns extends SignInSession implements vscode.Disposable {
  readonly onDidChange: vscode.Event<void>;
  private readonly changed: vscode.EventEmitter<void>;

  constructor(context: vscode.ExtensionContext, log: AcrLog) {
    const { globalState, secrets } = context;
    const changed = new vscode.EventEmitter<void>();
    super({
      store: {
        records: () => globalState.get<Record<string, SignInRecord>>(STATE_KEY) ?? {},
        saveRecords: (records) => globalState.update(STATE_KEY, records),
        lastMethods: () => globalState.get<Record<string, SignInMethod>>(LAST_METHOD_KEY) ?? {},
        saveLastMethods: (methods) => globalState.update(LAST_METHOD_KEY, methods),
        secret: (loginServer) => secrets.get(secretKey(loginServer)),
        storeSecret: (loginServer, secret) => secrets.store(secretKey(loginServer), secret),
        deleteSecret: (loginServer) => secrets.delete(secretKey(loginServer)),
      },
      prompts: { showDeviceCode, askToSignInAgain },
      log,
      credentials: {
        store: (loginServer, token) =>
          storeRegistryCredential(loginServer, token, { containersAuth: vscode.workspace.getConfiguration('acr').get<boolean>('writeContainersAuth') ?? false }),
        erase: eraseRegistryCredential,
        read: readRegistryCredential,
      },
      tokens: { acquireRefreshToken, signInWithDeviceCode, entraCredential: entraCredentialFor, accountCredential: vscodeAccountCredential },
      settings: readAcrSettings,
      changed: () => changed.fire(),
    });
    this.changed = changed;
    this.onDidChange = changed.event;
  }

  override dispose(): void {
    super.dispose();
    this.changed.dispose();
  }
}

function showDeviceCode(loginServer: string, info: DeviceCodePrompt): void {
  void vscode.window
    .showInformationMessage(`ACR: To sign in to ${loginServer}, open ${info.verificationUri} and enter the code ${info.userCode}.`, 'Copy and open')
    .then(async (choice) => {
      if (choice !== 'Copy and open') return;
      await vscode.env.clipboard.writeText(info.userCode);
      await vscode.env.openExternal(vscode.Uri.parse(info.verificationUri));
    });
}

function askToSignInAgain(loginServer: string, parameters: SignInParameters | undefined): void {
  void vscode.window
    .showWarningMessage(`ACR: the credentials for ${loginServer} can no longer be renewed without you. Sign in again to keep builds working.`, 'Sign in again')
    .then((choice) => {
      if (choice === 'Sign in again') void vscode.commands.executeCommand(COMMAND_IDS.acrLogin, { loginServer, ...parameters });
    });
}
