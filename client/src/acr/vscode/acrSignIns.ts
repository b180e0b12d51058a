// The registries this VS Code is signed in to: signs in with a method, writes the refresh token where
// docker and skopeo find it, keeps it fresh through the renewal schedule, and signs out by erasing what
// it wrote and the secrets it stored. Plain facts live in globalState, secrets in SecretStorage.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../commandIds';
import {
  acquireRefreshToken,
  AZURE_CLI_CLIENT_ID,
  METHOD_LABELS,
  signInWithDeviceCode,
  type DeviceCodePrompt,
  type EntraCredential,
  type SignInMethod,
  type SignInParameters,
  type SignInSecret,
} from '../auth/signInMethods';
import { SignInError } from '../auth/signInError';
import { loginServerOf, signInTargetFor } from '../auth/signInTarget';
import { eraseRegistryCredential, readRegistryCredential, storeRegistryCredential, type CredentialPlace, type CredentialRecord } from '../credentials/credentialStore';
import { decodeJwtClaims, tokenTimes } from '../tokens/jwtClaims';
import { RenewalScheduler, SignInRequiredError } from '../tokens/renewalScheduler';
import type { AcrLog } from './acrLog';
import { readAcrSettings } from './acrSettings';
import { vscodeAccountCredential } from './vscodeAccountCredential';

const STATE_KEY = 'acr.signIns';
const LAST_METHOD_KEY = 'acr.lastMethods';

/** What is remembered about one signed-in registry. */
interface SignInRecord {
  readonly loginServer: string;
  readonly parameters: SignInParameters;
  readonly credentials: CredentialRecord;
  readonly expiresAt?: number;
  readonly audience?: string;
  readonly account: string;
}

/** A sign-in as the API and the status bar show it. */
export interface AcrSignInStatus {
  readonly loginServer: string;
  readonly method: SignInMethod;
  readonly methodLabel: string;
  readonly account: string;
  /** Epoch milliseconds; undefined when the token does not say. */
  readonly expiresAt?: number;
  /** Silent renewal failed for good: the user must sign in again. */
  readonly needsSignIn: boolean;
}

/** Everything a sign-in needs; the login command asks for what is missing. */
export type AcrLoginRequest = { readonly loginServer: string } & (
  | { readonly method: 'vscodeAccount'; readonly tenantId?: string }
  | { readonly method: 'azureCli'; readonly tenantId?: string }
  | { readonly method: 'servicePrincipal'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string }
  | { readonly method: 'servicePrincipalCertificate'; readonly tenantId: string; readonly clientId: string; readonly certificatePath: string }
  | { readonly method: 'adminUser'; readonly username: string; readonly password: string }
  /** `clientId` defaults to the Azure CLI's public client. */
  | { readonly method: 'deviceCode'; readonly tenantId: string; readonly clientId?: string }
);

export interface LoginOptions {
  /** Also told the device code (the notification shows it in any case). */
  readonly onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  readonly abortSignal?: AbortSignal;
}

/** Secrets as SecretStorage keeps them: JSON of one of these. */
type StoredSecret = { readonly clientSecret: string } | { readonly password: string };

/** Methods that renew from what their parameters name: a certificate file, the Azure CLI's own sign-in. */
const RENEWS_WITHOUT_SECRET: ReadonlySet<SignInMethod> = new Set(['azureCli', 'servicePrincipalCertificate']);

function secretKey(loginServer: string): string {
  return `acr.signIn/${loginServer}`;
}

function accountOf(parameters: SignInParameters): string {
  switch (parameters.method) {
    case 'vscodeAccount':
      return `VS Code account${parameters.tenantId ? ` (tenant ${parameters.tenantId})` : ''}`;
    case 'azureCli':
      return `Azure CLI account${parameters.tenantId ? ` (tenant ${parameters.tenantId})` : ''}`;
    case 'adminUser':
      return parameters.username;
    case 'servicePrincipal':
    case 'servicePrincipalCertificate':
      return `application ${parameters.clientId} (tenant ${parameters.tenantId})`;
    case 'deviceCode':
      return `device-code user (tenant ${parameters.tenantId})`;
  }
}

function parametersOf(request: AcrLoginRequest): SignInParameters {
  switch (request.method) {
    case 'vscodeAccount':
    case 'azureCli':
      return { method: request.method, ...(request.tenantId ? { tenantId: request.tenantId } : {}) };
    case 'servicePrincipal':
      return { method: 'servicePrincipal', tenantId: request.tenantId, clientId: request.clientId };
    case 'servicePrincipalCertificate':
      return { method: 'servicePrincipalCertificate', tenantId: request.tenantId, clientId: request.clientId, certificatePath: request.certificatePath };
    case 'deviceCode':
      return { method: 'deviceCode', tenantId: request.tenantId, clientId: request.clientId ?? AZURE_CLI_CLIENT_ID };
    case 'adminUser':
      return { method: 'adminUser', username: request.username };
  }
}

function storedSecretOf(request: AcrLoginRequest): StoredSecret | undefined {
  switch (request.method) {
    case 'servicePrincipal':
      return { clientSecret: request.clientSecret };
    case 'adminUser':
      return { password: request.password };
    case 'deviceCode':
    case 'vscodeAccount':
    case 'azureCli':
    case 'servicePrincipalCertificate':
      return undefined;
  }
}

function secretText(secret: StoredSecret): string {
  return 'clientSecret' in secret ? secret.clientSecret : secret.password;
}

function samePlace(a: CredentialPlace, b: CredentialPlace): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class AcrSignIns implements vscode.Disposable {
  private readonly scheduler: RenewalScheduler;
  private readonly needsSignIn = new Set<string>();
  /** Device-code credentials renew from MSAL's in-memory cache, so only while this window lives. */
  private readonly liveCredentials = new Map<string, EntraCredential>();
  /** Bumped by every login and logout, so that a renewal that outlived its sign-in writes nothing. */
  private readonly generations = new Map<string, number>();

  private nextGeneration(loginServer: string): number {
    const generation = (this.generations.get(loginServer) ?? 0) + 1;
    this.generations.set(loginServer, generation);
    return generation;
  }
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: AcrLog,
  ) {
    this.scheduler = new RenewalScheduler({
      renew: (loginServer) => this.renew(loginServer),
      onSignInNeeded: (loginServer) => this.askToSignInAgain(loginServer),
    });
  }

  private records(): Record<string, SignInRecord> {
    return this.context.globalState.get<Record<string, SignInRecord>>(STATE_KEY) ?? {};
  }

  private async saveRecord(loginServer: string, record: SignInRecord | undefined): Promise<void> {
    const records = { ...this.records() };
    if (record) records[loginServer] = record;
    else delete records[loginServer];
    await this.context.globalState.update(STATE_KEY, records);
    this.changed.fire();
  }

  /** The method last used for a registry, to offer first. */
  lastMethod(loginServer: string): SignInMethod | undefined {
    return this.context.globalState.get<Record<string, SignInMethod>>(LAST_METHOD_KEY)?.[loginServer];
  }

  /** Sign-in parameters remembered for a registry (for "Sign in again"), without secrets. */
  rememberedParameters(loginServer: string): SignInParameters | undefined {
    return this.records()[loginServer]?.parameters;
  }

  status(): AcrSignInStatus[] {
    return Object.values(this.records()).map((record) => ({
      loginServer: record.loginServer,
      method: record.parameters.method,
      methodLabel: METHOD_LABELS[record.parameters.method],
      account: record.account,
      ...(record.expiresAt !== undefined ? { expiresAt: record.expiresAt } : {}),
      needsSignIn: this.needsSignIn.has(record.loginServer),
    }));
  }

  /** Whether SecretStorage holds a secret for the registry (the secret itself never leaves this class). */
  async hasStoredSecret(loginServer: string): Promise<boolean> {
    return (await this.context.secrets.get(secretKey(loginServer))) !== undefined;
  }

  /** Resumes renewing the registries signed in before this session (start-up). */
  async resume(): Promise<void> {
    for (const record of Object.values(this.records())) {
      try {
        const token = await readRegistryCredential(record.loginServer);
        if (token) {
          this.log.addSecret(token);
          this.scheduler.track(record.loginServer, token);
          this.log.info(`Keeping ${record.loginServer} fresh (signed in before).`);
        } else {
          // Removed outside VS Code (`docker logout`): that is a sign-out, so forget the sign-in too.
          await this.saveRecord(record.loginServer, undefined);
          await this.context.secrets.delete(secretKey(record.loginServer));
          this.log.info(`${record.loginServer} was signed out outside VS Code; forgot its sign-in.`);
        }
      } catch (error) {
        this.log.warn(`Could not resume ${record.loginServer}: ${this.log.mask(String((error as Error).message ?? error))}`);
      }
    }
  }

  /** Signs in, writes the credentials, stores the secret and starts renewing. Rejects with a safe message. */
  async login(request: AcrLoginRequest, options: LoginOptions = {}): Promise<AcrSignInStatus> {
    const loginServer = loginServerOf(request.loginServer, readAcrSettings());
    if (!loginServer) throw new SignInError('noSuchRegistry', `"${request.loginServer}" is not a registry name or login server.`);
    const generation = this.nextGeneration(loginServer);
    const stored = storedSecretOf(request);
    const parameters = parametersOf(request);
    if (stored) this.log.addSecret(secretText(stored));
    this.log.info(`Signing in to ${loginServer} with ${METHOD_LABELS[parameters.method]} (${accountOf(parameters)}).`);
    const target = signInTargetFor(loginServer, readAcrSettings());
    let secret: SignInSecret | undefined;
    let account: (() => string | undefined) | undefined;
    if (parameters.method === 'vscodeAccount') {
      const credential = vscodeAccountCredential(target, parameters.tenantId, true);
      account = () => credential.account();
      secret = { entraCredential: credential };
    } else if (parameters.method === 'deviceCode') {
      const prompt = (info: DeviceCodePrompt): void => {
        this.showDeviceCode(loginServer, info);
        options.onDeviceCode?.(info);
      };
      secret = { entraCredential: await this.acquire(loginServer, () => signInWithDeviceCode(target, parameters, prompt, options.abortSignal)) };
    } else {
      secret = stored;
    }
    const acquired = await this.acquire(loginServer, () => acquireRefreshToken(target, parameters, secret));
    if (this.generations.get(loginServer) !== generation) throw new SignInError('cancelled', `Another sign-in or a logout for ${loginServer} came first.`);
    const previous = this.records()[loginServer];
    const record = await this.writeToken(loginServer, acquired.refreshToken, {
      loginServer,
      parameters,
      credentials: { loginServer, places: [] },
      ...(acquired.audience ? { audience: acquired.audience } : {}),
      account: account?.() ?? accountOf(parameters),
    }, previous?.credentials);
    if (stored) await this.context.secrets.store(secretKey(loginServer), JSON.stringify(stored));
    else await this.context.secrets.delete(secretKey(loginServer));
    if (parameters.method === 'deviceCode' && secret && 'entraCredential' in secret) this.liveCredentials.set(loginServer, secret.entraCredential);
    else this.liveCredentials.delete(loginServer);
    await this.context.globalState.update(LAST_METHOD_KEY, { ...this.context.globalState.get(LAST_METHOD_KEY), [loginServer]: parameters.method });
    this.needsSignIn.delete(loginServer);
    this.scheduler.track(loginServer, acquired.refreshToken);
    this.changed.fire();
    this.log.info(`Signed in to ${loginServer}; the token expires ${record.expiresAt ? new Date(record.expiresAt).toISOString() : 'at an unknown time'}.`);
    return this.status().find((s) => s.loginServer === loginServer)!;
  }

  /** Erases the credentials from where sign-in wrote them and the stored secret; false when not signed in. */
  async logout(input: string): Promise<boolean> {
    const loginServer = loginServerOf(input, readAcrSettings()) ?? input;
    this.nextGeneration(loginServer);
    const record = this.records()[loginServer];
    this.scheduler.forget(loginServer);
    this.needsSignIn.delete(loginServer);
    this.liveCredentials.delete(loginServer);
    await this.context.secrets.delete(secretKey(loginServer));
    if (!record) return false;
    await this.saveRecord(loginServer, undefined);
    await eraseRegistryCredential(record.credentials);
    this.log.info(`Signed out of ${loginServer}: removed its credentials from ${record.credentials.places.map(placeName).join(', ') || 'nowhere'}.`);
    return true;
  }

  /** Renews the registry's token first when it is due (before a task that pulls or pushes). */
  async ensureFresh(input: string): Promise<void> {
    const loginServer = loginServerOf(input, readAcrSettings()) ?? input;
    if (!this.records()[loginServer]) return;
    try {
      await this.scheduler.ensureFresh(loginServer);
    } catch (error) {
      throw new Error(this.log.mask(`The credentials for ${loginServer} have expired and could not be renewed: ${(error as Error).message}`));
    }
  }

  /** Renews now, whether due or not; shares a renewal already running. */
  renewNow(input: string): Promise<void> {
    const loginServer = loginServerOf(input, readAcrSettings()) ?? input;
    return this.scheduler.renewNow(loginServer);
  }

  private async renew(loginServer: string): Promise<string> {
    const record = this.records()[loginServer];
    if (!record) throw new SignInRequiredError(`No stored sign-in for ${loginServer}.`);
    const generation = this.generations.get(loginServer);
    const target = signInTargetFor(loginServer, readAcrSettings());
    const live = this.liveCredentials.get(loginServer);
    const stored = await this.context.secrets.get(secretKey(loginServer));
    let secret: SignInSecret | undefined;
    if (record.parameters.method === 'vscodeAccount') {
      // VS Code keeps the account signed in across restarts; asked silently, it never prompts.
      secret = { entraCredential: vscodeAccountCredential(target, record.parameters.tenantId, false) };
    } else if (live) {
      secret = { entraCredential: live };
    } else if (stored) {
      secret = JSON.parse(stored) as StoredSecret;
      this.log.addSecret(secretText(secret));
    } else if (!RENEWS_WITHOUT_SECRET.has(record.parameters.method)) {
      this.log.warn(`${loginServer} cannot be renewed without you: ${METHOD_LABELS[record.parameters.method]} sign-ins renew only while the window that signed in is open.`);
      throw new SignInRequiredError(`Sign in to ${loginServer} again.`);
    }
    let acquired;
    try {
      acquired = await this.acquire(loginServer, () => acquireRefreshToken(target, record.parameters, secret, record.audience));
    } catch (error) {
      this.log.warn(`Renewing ${loginServer} failed: ${(error as Error).message}`);
      if (error instanceof SignInError && error.silentRenewalImpossible) throw new SignInRequiredError(error.message);
      throw error;
    }
    if (this.generations.get(loginServer) !== generation) {
      // Signed out (or in again) meanwhile: the scheduler ignores the result of a renewal it forgot.
      return acquired.refreshToken;
    }
    this.needsSignIn.delete(loginServer);
    await this.writeToken(loginServer, acquired.refreshToken, { ...record, ...(acquired.audience ? { audience: acquired.audience } : {}) }, record.credentials);
    this.log.info(`Renewed the token for ${loginServer}.`);
    return acquired.refreshToken;
  }

  private async acquire<T>(loginServer: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SignInError) throw new SignInError(error.kind, this.log.mask(error.message));
      throw new SignInError('unexpected', this.log.mask(`Signing in to ${loginServer} failed: ${(error as Error).message ?? String(error)}`));
    }
  }

  /** Stores the token and remembers every place it went, including places an earlier sign-in wrote. */
  private async writeToken(loginServer: string, token: string, record: SignInRecord, earlier?: CredentialRecord): Promise<SignInRecord> {
    this.log.addSecret(token);
    const containersAuth = vscode.workspace.getConfiguration('acr').get<boolean>('writeContainersAuth') ?? false;
    const { record: written, warnings } = await storeRegistryCredential(loginServer, token, { containersAuth });
    for (const warning of warnings) this.log.warn(warning);
    const places = [...(earlier?.places ?? [])];
    for (const place of written.places) if (!places.some((p) => samePlace(p, place))) places.push(place);
    const expiresAt = tokenTimes(token)?.expiresAt;
    const subject = decodeJwtClaims(token)?.sub;
    const updated: SignInRecord = {
      ...record,
      credentials: { loginServer, places },
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      account: record.parameters.method === 'adminUser' && subject ? subject : record.account,
    };
    await this.saveRecord(loginServer, updated);
    return updated;
  }

  private showDeviceCode(loginServer: string, info: DeviceCodePrompt): void {
    this.log.info(`Device-code sign-in to ${loginServer}: waiting for the code to be entered at ${info.verificationUri}.`);
    void vscode.window
      .showInformationMessage(`ACR: To sign in to ${loginServer}, open ${info.verificationUri} and enter the code ${info.userCode}.`, 'Copy and open')
      .then(async (choice) => {
        if (choice !== 'Copy and open') return;
        await vscode.env.clipboard.writeText(info.userCode);
        await vscode.env.openExternal(vscode.Uri.parse(info.verificationUri));
      });
  }

  private askToSignInAgain(loginServer: string): void {
    this.needsSignIn.add(loginServer);
    this.log.warn(`Asked to sign in to ${loginServer} again: its token cannot be renewed silently.`);
    this.changed.fire();
    const parameters = this.rememberedParameters(loginServer);
    void vscode.window
      .showWarningMessage(`ACR: the credentials for ${loginServer} can no longer be renewed without you. Sign in again to keep builds working.`, 'Sign in again')
      .then((choice) => {
        if (choice === 'Sign in again') void vscode.commands.executeCommand(COMMAND_IDS.acrLogin, { loginServer, ...parameters });
      });
  }

  dispose(): void {
    this.scheduler.dispose();
    this.changed.dispose();
  }
}

export function placeName(place: CredentialPlace): string {
  switch (place.kind) {
    case 'dockerConfig':
    case 'containersAuth':
      return place.file;
    case 'credentialHelper':
      return `docker-credential-${place.helper}`;
  }
}
