// The registries this window is signed in to, as rules without VS Code: login writes the refresh token
// where docker and skopeo find it and remembers the sign-in, the renewal schedule keeps the token fresh,
// and logout erases what login wrote and the secret it stored. Storage, prompts, Entra ID and the
// credential files come in through the small interfaces below.
import { placeName, type CredentialPlace, type CredentialRecord, type StoreResult } from '../credentials/credentialStore';
import { decodeJwtClaims, tokenTimes } from '../tokens/jwtClaims';
import { RenewalScheduler, SignInRequiredError, type SchedulerClock } from '../tokens/renewalScheduler';
import { methodRules, SIGN_IN_METHODS, type AcrLoginRequest, type SecretSources, type StoredSecret } from './methodTable';
import { SignInError } from './signInError';
import type { AcquiredToken, DeviceCodePrompt, EntraCredential, SignInMethod, SignInParameters, SignInSecret } from './signInMethods';
import { loginServerOf, signInTargetFor, type AcrSettings, type SignInTarget } from './signInTarget';
import { errorMessage } from '../../../../shared/src/errorMessage';
import type { RegistryCredentials } from '../registry/dataSource';

/** What is remembered about one signed-in registry: nothing secret. */
export interface SignInRecord {
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

export interface LoginOptions {
  /** Also told the device code (the notification shows it in any case). */
  readonly onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  readonly abortSignal?: AbortSignal;
}

/** Where sign-ins are remembered across restarts: plain records, the method last used, and secrets. */
export interface SignInStore {
  records(): Readonly<Record<string, SignInRecord>>;
  saveRecords(records: Readonly<Record<string, SignInRecord>>): PromiseLike<void>;
  lastMethods(): Readonly<Record<string, SignInMethod>>;
  saveLastMethods(methods: Readonly<Record<string, SignInMethod>>): PromiseLike<void>;
  secret(loginServer: string): PromiseLike<string | undefined>;
  storeSecret(loginServer: string, secret: string): PromiseLike<void>;
  deleteSecret(loginServer: string): PromiseLike<void>;
}

/** What the person is shown: the device code to enter, and the request to sign in again. */
export interface SignInPrompts {
  showDeviceCode(loginServer: string, prompt: DeviceCodePrompt): void;
  askToSignInAgain(loginServer: string, parameters: SignInParameters | undefined): void;
}

/** The log: every line masked, with the secrets it was given as well. */
export interface SignInLog {
  addSecret(secret: string): void;
  mask(text: string): string;
  info(text: string): void;
  warn(text: string): void;
}

/** Where the refresh token goes for docker, podman and skopeo (credentials/credentialStore.ts). */
export interface CredentialWriter {
  store(loginServer: string, refreshToken: string): Promise<StoreResult>;
  erase(record: CredentialRecord): Promise<void>;
  /** The token written for the registry; undefined when it is gone. */
  read(loginServer: string): Promise<string | undefined>;
}

/** An Entra ID credential that also names the account whose session it used last. */
export interface AccountCredential extends EntraCredential {
  account(): string | undefined;
}

/** An Entra ID sign-in as subscription discovery uses it. */
export interface EntraSignIn {
  readonly loginServer: string;
  readonly account: string;
  readonly target: SignInTarget;
  readonly credential: EntraCredential;
}

/** Entra ID and the registry's token exchange (auth/signInMethods.ts), and VS Code's own account. */
export interface TokenIssuer {
  acquireRefreshToken(target: SignInTarget, parameters: SignInParameters, secret: SignInSecret | undefined, preferredAudience?: string): Promise<AcquiredToken>;
  signInWithDeviceCode(
    target: SignInTarget,
    parameters: { readonly tenantId: string; readonly clientId: string },
    prompt: (info: DeviceCodePrompt) => void,
    abortSignal?: AbortSignal,
  ): Promise<EntraCredential>;
  /** The Entra ID credential of a sign-in (not the admin user), from its parameters and what renews it. */
  entraCredential(target: SignInTarget, parameters: SignInParameters, secret: SignInSecret | undefined): Promise<EntraCredential>;
  /** An interactive credential may ask the person; a silent one returns no token instead. */
  accountCredential(target: SignInTarget, tenantId: string | undefined, interactive: boolean): AccountCredential;
}

export interface SignInSessionParts {
  readonly store: SignInStore;
  readonly prompts: SignInPrompts;
  readonly log: SignInLog;
  readonly credentials: CredentialWriter;
  readonly tokens: TokenIssuer;
  /** The `acr.*` settings, read at each use. */
  readonly settings: () => AcrSettings;
  /** Told whenever a sign-in or its state changed. */
  readonly changed: () => void;
  readonly clock?: SchedulerClock;
}

function secretText(secret: StoredSecret): string {
  return 'clientSecret' in secret ? secret.clientSecret : secret.password;
}

function samePlace(a: CredentialPlace, b: CredentialPlace): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class SignInSession {
  private readonly scheduler: RenewalScheduler;
  private readonly needsSignIn = new Set<string>();
  /** Device-code credentials renew from MSAL's in-memory cache, so only while this window lives. */
  private readonly liveCredentials = new Map<string, EntraCredential>();
  /** Bumped by every login and logout, so that a renewal that outlived its sign-in writes nothing. */
  private readonly generations = new Map<string, number>();
  /** The refresh token each registry is signed in with now, as last written. */
  private readonly refreshTokens = new Map<string, string>();

  constructor(private readonly parts: SignInSessionParts) {
    this.scheduler = new RenewalScheduler({
      renew: (loginServer) => this.renew(loginServer),
      onSignInNeeded: (loginServer) => this.askToSignInAgain(loginServer),
      clock: parts.clock,
    });
  }

  /** The method last used for a registry, to offer first. */
  lastMethod(loginServer: string): SignInMethod | undefined {
    return this.parts.store.lastMethods()[loginServer];
  }

  /** Sign-in parameters remembered for a registry (for "Sign in again"), without secrets. */
  rememberedParameters(loginServer: string): SignInParameters | undefined {
    return this.records()[loginServer]?.parameters;
  }

  status(): AcrSignInStatus[] {
    return Object.values(this.records()).map((record) => ({
      loginServer: record.loginServer,
      method: record.parameters.method,
      methodLabel: SIGN_IN_METHODS[record.parameters.method].label,
      account: record.account,
      ...(record.expiresAt !== undefined ? { expiresAt: record.expiresAt } : {}),
      needsSignIn: this.needsSignIn.has(record.loginServer),
    }));
  }

  /** Whether a secret is stored for the registry (the secret itself never leaves this class). */
  async hasStoredSecret(loginServer: string): Promise<boolean> {
    return (await this.parts.store.secret(loginServer)) !== undefined;
  }

  /** Resumes renewing the registries signed in before this session (start-up). */
  async resume(): Promise<void> {
    const { log } = this.parts;
    for (const record of Object.values(this.records())) {
      try {
        const token = await this.parts.credentials.read(record.loginServer);
        if (token) {
          log.addSecret(token);
          this.refreshTokens.set(record.loginServer, token);
          this.scheduler.track(record.loginServer, token);
          log.info(`Keeping ${record.loginServer} fresh (signed in before).`);
        } else {
          // Removed outside VS Code (`docker logout`): that is a sign-out, so forget the sign-in too.
          await this.saveRecord(record.loginServer, undefined);
          await this.parts.store.deleteSecret(record.loginServer);
          log.info(`${record.loginServer} was signed out outside VS Code; forgot its sign-in.`);
        }
      } catch (error) {
        log.warn(`Could not resume ${record.loginServer}: ${log.mask(errorMessage(error))}`);
      }
    }
  }

  /** Signs in, writes the credentials, stores the secret and starts renewing. Rejects with a safe message. */
  async login(request: AcrLoginRequest, options: LoginOptions = {}): Promise<AcrSignInStatus> {
    const { log, store } = this.parts;
    const loginServer = loginServerOf(request.loginServer, this.parts.settings());
    if (!loginServer) throw new SignInError('noSuchRegistry', `"${request.loginServer}" is not a registry name or login server.`);
    const generation = this.nextGeneration(loginServer);
    const rules = methodRules(request.method);
    const stored = rules.storedSecret(request);
    const parameters = rules.parameters(request);
    if (stored) log.addSecret(secretText(stored));
    log.info(`Signing in to ${loginServer} with ${rules.label} (${rules.account(parameters)}).`);
    const target = signInTargetFor(loginServer, this.parts.settings());
    let account: (() => string | undefined) | undefined;
    let live: EntraCredential | undefined;
    const sources: SecretSources = {
      storedSecret: async () => stored,
      vscodeAccount: async (tenantId) => {
        const credential = this.parts.tokens.accountCredential(target, tenantId, true);
        account = () => credential.account();
        return { entraCredential: credential };
      },
      deviceCode: async (deviceCode) => {
        const prompt = (info: DeviceCodePrompt): void => {
          log.info(`Device-code sign-in to ${loginServer}: waiting for the code to be entered at ${info.verificationUri}.`);
          this.parts.prompts.showDeviceCode(loginServer, info);
          options.onDeviceCode?.(info);
        };
        live = await this.acquire(loginServer, () => this.parts.tokens.signInWithDeviceCode(target, deviceCode, prompt, options.abortSignal));
        return { entraCredential: live };
      },
    };
    const secret = await rules.renewsWith(sources, parameters);
    const acquired = await this.acquire(loginServer, () => this.parts.tokens.acquireRefreshToken(target, parameters, secret));
    if (this.generations.get(loginServer) !== generation) throw new SignInError('cancelled', `Another sign-in or a logout for ${loginServer} came first.`);
    const previous = this.records()[loginServer];
    const record = await this.writeToken(loginServer, acquired.refreshToken, {
      loginServer,
      parameters,
      credentials: { loginServer, places: [] },
      ...(acquired.audience ? { audience: acquired.audience } : {}),
      account: account?.() ?? rules.account(parameters),
    }, previous?.credentials);
    if (stored) await store.storeSecret(loginServer, JSON.stringify(stored));
    else await store.deleteSecret(loginServer);
    if (live) this.liveCredentials.set(loginServer, live);
    else this.liveCredentials.delete(loginServer);
    await store.saveLastMethods({ ...store.lastMethods(), [loginServer]: parameters.method });
    this.needsSignIn.delete(loginServer);
    this.scheduler.track(loginServer, acquired.refreshToken);
    this.parts.changed();
    log.info(`Signed in to ${loginServer}; the token expires ${record.expiresAt ? new Date(record.expiresAt).toISOString() : 'at an unknown time'}.`);
    return this.status().find((s) => s.loginServer === loginServer)!;
  }

  /** Erases the credentials from where sign-in wrote them and the stored secret; false when not signed in. */
  async logout(input: string): Promise<boolean> {
    const loginServer = loginServerOf(input, this.parts.settings()) ?? input;
    this.nextGeneration(loginServer);
    const record = this.records()[loginServer];
    this.scheduler.forget(loginServer);
    this.needsSignIn.delete(loginServer);
    this.liveCredentials.delete(loginServer);
    this.refreshTokens.delete(loginServer);
    await this.parts.store.deleteSecret(loginServer);
    if (!record) return false;
    await this.saveRecord(loginServer, undefined);
    await this.parts.credentials.erase(record.credentials);
    this.parts.log.info(`Signed out of ${loginServer}: removed its credentials from ${record.credentials.places.map(placeName).join(', ') || 'nowhere'}.`);
    return true;
  }

  /** Renews the registry's token first when it is due (before a task that pulls or pushes). */
  async ensureFresh(input: string): Promise<void> {
    const loginServer = loginServerOf(input, this.parts.settings()) ?? input;
    if (!this.records()[loginServer]) return;
    try {
      await this.scheduler.ensureFresh(loginServer);
    } catch (error) {
      throw new Error(this.parts.log.mask(`The credentials for ${loginServer} have expired and could not be renewed: ${errorMessage(error)}`));
    }
  }

  /** Renews now, whether due or not; shares a renewal already running. */
  renewNow(input: string): Promise<void> {
    const loginServer = loginServerOf(input, this.parts.settings()) ?? input;
    return this.scheduler.renewNow(loginServer);
  }

  /**
   * The registry's sign-in as the explorer's calls use it: renewed when due before each call, renewed at
   * once after a refusal, and the refresh token (none when not signed in: the calls are then anonymous).
   */
  registryCredentials(input: string): RegistryCredentials {
    const loginServer = loginServerOf(input, this.parts.settings()) ?? input;
    return {
      ensureFresh: () => this.ensureFresh(loginServer),
      renew: () => this.renewNow(loginServer),
      refreshToken: async () => (this.records()[loginServer] ? this.refreshTokens.get(loginServer) : undefined),
    };
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  private records(): Readonly<Record<string, SignInRecord>> {
    return this.parts.store.records();
  }

  private async saveRecord(loginServer: string, record: SignInRecord | undefined): Promise<void> {
    const records = { ...this.records() };
    if (record) records[loginServer] = record;
    else delete records[loginServer];
    await this.parts.store.saveRecords(records);
    this.parts.changed();
  }

  private nextGeneration(loginServer: string): number {
    const generation = (this.generations.get(loginServer) ?? 0) + 1;
    this.generations.set(loginServer, generation);
    return generation;
  }

  private async renew(loginServer: string): Promise<string> {
    const { log } = this.parts;
    const record = this.records()[loginServer];
    if (!record) throw new SignInRequiredError(`No stored sign-in for ${loginServer}.`);
    const generation = this.generations.get(loginServer);
    const target = signInTargetFor(loginServer, this.parts.settings());
    const secret = await this.renewalSecret(record, target);
    let acquired: AcquiredToken;
    try {
      acquired = await this.acquire(loginServer, () => this.parts.tokens.acquireRefreshToken(target, record.parameters, secret, record.audience));
    } catch (error) {
      log.warn(`Renewing ${loginServer} failed: ${errorMessage(error)}`);
      if (error instanceof SignInError && error.silentRenewalImpossible) throw new SignInRequiredError(error.message);
      throw error;
    }
    if (this.generations.get(loginServer) !== generation) {
      // Signed out (or in again) meanwhile: the scheduler ignores the result of a renewal it forgot.
      return acquired.refreshToken;
    }
    this.needsSignIn.delete(loginServer);
    await this.writeToken(loginServer, acquired.refreshToken, { ...record, ...(acquired.audience ? { audience: acquired.audience } : {}) }, record.credentials);
    log.info(`Renewed the token for ${loginServer}.`);
    return acquired.refreshToken;
  }

  /** What renews `record` without the person; rejects with SignInRequiredError when nothing can. */
  private renewalSecret(record: SignInRecord, target: SignInTarget): Promise<SignInSecret | undefined> {
    const { log } = this.parts;
    const { loginServer } = target;
    const rules = methodRules(record.parameters.method);
    const cannotRenew = (): SignInRequiredError => {
      log.warn(`${loginServer} cannot be renewed without you: ${rules.label} sign-ins renew only while the window that signed in is open.`);
      return new SignInRequiredError(`Sign in to ${loginServer} again.`);
    };
    const sources: SecretSources = {
      storedSecret: async () => {
        const stored = await this.parts.store.secret(loginServer);
        if (!stored) throw cannotRenew();
        const secret = JSON.parse(stored) as StoredSecret;
        log.addSecret(secretText(secret));
        return secret;
      },
      // VS Code keeps the account signed in across restarts; asked silently, it never prompts.
      vscodeAccount: async (tenantId) => ({ entraCredential: this.parts.tokens.accountCredential(target, tenantId, false) }),
      deviceCode: async () => {
        const live = this.liveCredentials.get(loginServer);
        if (!live) throw cannotRenew();
        return { entraCredential: live };
      },
    };
    return rules.renewsWith(sources, record.parameters);
  }

  /**
   * The Entra ID sign-ins, one per identity (method, tenant and client), each with a credential that
   * never prompts: what lists the user's Azure subscriptions. Sign-ins that cannot renew silently now
   * are left out.
   */
  async entraSignIns(): Promise<EntraSignIn[]> {
    const byIdentity = new Map<string, EntraSignIn>();
    for (const record of Object.values(this.records())) {
      const { parameters } = record;
      if (parameters.method === 'adminUser') continue;
      const identity = JSON.stringify(parameters);
      if (byIdentity.has(identity)) continue;
      const target = signInTargetFor(record.loginServer, this.parts.settings());
      try {
        const credential = await this.parts.tokens.entraCredential(target, parameters, await this.renewalSecret(record, target));
        byIdentity.set(identity, { loginServer: record.loginServer, account: record.account, target, credential });
      } catch (error) {
        this.parts.log.warn(`The sign-in to ${record.loginServer} cannot list Azure subscriptions: ${errorMessage(error)}`);
      }
    }
    return [...byIdentity.values()];
  }

  private async acquire<T>(loginServer: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SignInError) throw new SignInError(error.kind, this.parts.log.mask(error.message));
      throw new SignInError('unexpected', this.parts.log.mask(`Signing in to ${loginServer} failed: ${errorMessage(error)}`));
    }
  }

  /** Stores the token and remembers every place it went, including places an earlier sign-in wrote. */
  private async writeToken(loginServer: string, token: string, record: SignInRecord, earlier?: CredentialRecord): Promise<SignInRecord> {
    this.parts.log.addSecret(token);
    const { record: written, warnings } = await this.parts.credentials.store(loginServer, token);
    this.refreshTokens.set(loginServer, token);
    for (const warning of warnings) this.parts.log.warn(warning);
    const places = [...(earlier?.places ?? [])];
    for (const place of written.places) if (!places.some((p) => samePlace(p, place))) places.push(place);
    const expiresAt = tokenTimes(token)?.expiresAt;
    const subject = decodeJwtClaims(token)?.sub;
    const updated: SignInRecord = {
      ...record,
      credentials: { loginServer, places },
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      account: methodRules(record.parameters.method).accountInToken && subject ? subject : record.account,
    };
    await this.saveRecord(loginServer, updated);
    return updated;
  }

  private askToSignInAgain(loginServer: string): void {
    this.needsSignIn.add(loginServer);
    this.parts.log.warn(`Asked to sign in to ${loginServer} again: its token cannot be renewed silently.`);
    this.parts.changed();
    this.parts.prompts.askToSignInAgain(loginServer, this.rememberedParameters(loginServer));
  }
}
