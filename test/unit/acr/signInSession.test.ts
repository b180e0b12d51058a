// The sign-in session's rules with all around it in memory: the store (globalState and SecretStorage),
// the prompts, the log, the written credentials, Entra ID and the clock. No network, no VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AcrLoginRequest } from '../../../client/src/acr/auth/methodTable';
import { SignInError } from '../../../client/src/acr/auth/signInError';
import type { AcquiredToken, DeviceCodePrompt, EntraCredential, SignInMethod, SignInParameters, SignInSecret } from '../../../client/src/acr/auth/signInMethods';
import {
  SignInSession,
  type AccountCredential,
  type CredentialWriter,
  type SignInLog,
  type SignInPrompts,
  type SignInRecord,
  type SignInStore,
  type TokenIssuer,
} from '../../../client/src/acr/auth/signInSession';
import type { CredentialRecord, StoreResult } from '../../../client/src/acr/credentials/credentialStore';
import { redact } from '../../../client/src/acr/tokens/redact';
import { FakeClock, START } from './fakeClock';
import { makeJwt } from './jwt';

const HOST = 'myreg.azurecr.io';
const OTHER = 'other.azurecr.io';
const HOUR = 60 * 60 * 1000;
const CLIENT_SECRET = 'client-secret-of-app-1';
const PASSWORD = 'password-of-the-admin-user';

const REQUESTS: Record<SignInMethod, AcrLoginRequest> = {
  vscodeAccount: { loginServer: HOST, method: 'vscodeAccount' },
  azureCli: { loginServer: HOST, method: 'azureCli', tenantId: 'tenant-1' },
  servicePrincipal: { loginServer: HOST, method: 'servicePrincipal', tenantId: 'tenant-1', clientId: 'app-1', clientSecret: CLIENT_SECRET },
  servicePrincipalCertificate: { loginServer: HOST, method: 'servicePrincipalCertificate', tenantId: 'tenant-1', clientId: 'app-1', certificatePath: '/keys/app-1.pem' },
  deviceCode: { loginServer: HOST, method: 'deviceCode', tenantId: 'tenant-1' },
  adminUser: { loginServer: HOST, method: 'adminUser', username: 'myreg', password: PASSWORD },
};

/** globalState and SecretStorage. */
class MemoryStore implements SignInStore {
  saved: Record<string, SignInRecord> = {};
  methods: Record<string, SignInMethod> = {};
  readonly secrets = new Map<string, string>();

  records(): Record<string, SignInRecord> {
    return this.saved;
  }
  async saveRecords(records: Record<string, SignInRecord>): Promise<void> {
    this.saved = { ...records };
  }
  lastMethods(): Record<string, SignInMethod> {
    return this.methods;
  }
  async saveLastMethods(methods: Record<string, SignInMethod>): Promise<void> {
    this.methods = { ...methods };
  }
  async secret(loginServer: string): Promise<string | undefined> {
    return this.secrets.get(loginServer);
  }
  async storeSecret(loginServer: string, secret: string): Promise<void> {
    this.secrets.set(loginServer, secret);
  }
  async deleteSecret(loginServer: string): Promise<void> {
    this.secrets.delete(loginServer);
  }
}

/** docker's config.json: one token per registry. */
class MemoryCredentials implements CredentialWriter {
  readonly written = new Map<string, string>();
  writes = 0;

  async store(loginServer: string, refreshToken: string): Promise<StoreResult> {
    this.written.set(loginServer, refreshToken);
    this.writes += 1;
    return { record: { loginServer, places: [{ kind: 'dockerConfig', file: '/home/me/.docker/config.json' }] }, warnings: [] };
  }
  async erase(record: CredentialRecord): Promise<void> {
    this.written.delete(record.loginServer);
  }
  async read(loginServer: string): Promise<string | undefined> {
    return this.written.get(loginServer);
  }
}

/** Entra ID and the registry: each exchange answers with `answer`, by default a new three-hour token. */
class FakeEntra implements TokenIssuer {
  readonly secretsUsed: (SignInSecret | undefined)[] = [];
  readonly accountCredentials: AccountCredential[] = [];
  /** Whether each account credential made may ask the person. */
  readonly accountAsks: boolean[] = [];
  readonly deviceCodeCredential: EntraCredential = { getToken: async () => ({ token: 'entra-token' }) };
  answer: () => Promise<AcquiredToken> = async () => ({ refreshToken: this.token() });
  private issued = 0;

  constructor(private readonly clock: FakeClock) {}

  token(): string {
    const issuedAt = this.clock.now() / 1000;
    this.issued += 1;
    return makeJwt({ iat: issuedAt, exp: issuedAt + 3 * 3600, sub: 'token-user', jti: String(this.issued) });
  }
  acquireRefreshToken(_target: unknown, _parameters: SignInParameters, secret: SignInSecret | undefined): Promise<AcquiredToken> {
    this.secretsUsed.push(secret);
    return this.answer();
  }
  async signInWithDeviceCode(_target: unknown, _parameters: unknown, prompt: (info: DeviceCodePrompt) => void): Promise<EntraCredential> {
    prompt({ userCode: 'ABCD-1234', verificationUri: 'https://microsoft.com/devicelogin', message: 'Enter the code' });
    return this.deviceCodeCredential;
  }
  /** A credential that names what it was made from: the secret's own, or the parameters. */
  async entraCredential(_target: unknown, parameters: SignInParameters, secret: SignInSecret | undefined): Promise<EntraCredential> {
    if (secret && 'entraCredential' in secret) return secret.entraCredential;
    return { getToken: async (scope) => ({ token: `${parameters.method}${secret && 'clientSecret' in secret ? ` with ${secret.clientSecret}` : ''} for ${scope}` }) };
  }
  accountCredential(_target: unknown, _tenantId: string | undefined, interactive: boolean): AccountCredential {
    const credential = { getToken: async () => ({ token: 'entra-token' }), account: () => 'person@example.com' };
    this.accountCredentials.push(credential);
    this.accountAsks.push(interactive);
    return credential;
  }
}

class FakePrompts implements SignInPrompts {
  readonly deviceCodes: string[] = [];
  readonly signInAgain: { loginServer: string; parameters: SignInParameters | undefined }[] = [];

  showDeviceCode(_loginServer: string, prompt: DeviceCodePrompt): void {
    this.deviceCodes.push(prompt.userCode);
  }
  askToSignInAgain(loginServer: string, parameters: SignInParameters | undefined): void {
    this.signInAgain.push({ loginServer, parameters });
  }
}

/** The output channel: lines masked as AcrLog masks them. */
class MemoryLog implements SignInLog {
  readonly lines: string[] = [];
  private readonly secrets: string[] = [];
  readonly addSecret = (secret: string): void => void this.secrets.push(secret);
  readonly mask = (text: string): string => redact(text, this.secrets);
  readonly info = (text: string): void => void this.lines.push(this.mask(text));
  readonly warn = this.info;
}

/** A window's surroundings; `start()` makes the session a window starts with (again, after a restart). */
function setUp() {
  const clock = new FakeClock();
  const store = new MemoryStore();
  const credentials = new MemoryCredentials();
  const entra = new FakeEntra(clock);
  const prompts = new FakePrompts();
  const log = new MemoryLog();
  const start = (): SignInSession =>
    new SignInSession({ store, prompts, log, credentials, tokens: entra, settings: () => ({ registries: [], cloud: 'public', authorityHost: '' }), changed: () => undefined, clock });
  return { clock, store, credentials, entra, prompts, log, start };
}

test('several renewals refused for good ask the person to sign in again once', async () => {
  const { entra, prompts, log, start } = setUp();
  const session = start();
  await session.login(REQUESTS.adminUser);
  // As after the admin password was regenerated: the stored password is refused from now on.
  entra.answer = () => Promise.reject(new SignInError('unauthorized', `The registry refused the password of myreg.`));
  for (let attempt = 0; attempt < 3; attempt++) await assert.rejects(session.renewNow(HOST), /refused/);
  await assert.rejects(session.ensureFresh(HOST).then(() => session.renewNow(HOST)));
  assert.deepEqual(prompts.signInAgain, [{ loginServer: HOST, parameters: { method: 'adminUser', username: 'myreg' } }]);
  assert.equal(log.lines.filter((line) => line.startsWith(`Asked to sign in to ${HOST} again`)).length, 1);
  assert.equal(session.status()[0]?.needsSignIn, true);
});

test('a device-code sign-in cannot renew in a window that did not sign in: asked once, Entra ID not asked', async () => {
  const { entra, prompts, log, start } = setUp();
  await start().login(REQUESTS.deviceCode);
  const restarted = start();
  await restarted.resume();
  await assert.rejects(restarted.renewNow(HOST), new RegExp(`Sign in to ${HOST} again`));
  await assert.rejects(restarted.renewNow(HOST), new RegExp(`Sign in to ${HOST} again`));
  assert.equal(prompts.signInAgain.length, 1);
  assert.equal(entra.secretsUsed.length, 1, 'only the sign-in exchanged a token');
  assert.ok(log.lines.includes(`${HOST} cannot be renewed without you: Device code sign-ins renew only while the window that signed in is open.`));
});

test('a renewal that finishes after its sign-in was logged out writes nothing', async () => {
  const { entra, store, credentials, log, start } = setUp();
  const session = start();
  await session.login(REQUESTS.servicePrincipal);
  let finish: ((token: AcquiredToken) => void) | undefined;
  entra.answer = () => new Promise((resolve) => (finish = resolve));
  const renewal = session.renewNow(HOST);
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(finish, 'the renewal waits for the token exchange');
  assert.equal(await session.logout(HOST), true);
  finish({ refreshToken: entra.token() });
  await renewal;
  assert.equal(credentials.writes, 1, 'only the sign-in wrote');
  assert.equal(credentials.written.has(HOST), false);
  assert.deepEqual(store.saved, {}, 'no record revived');
  assert.deepEqual(session.status(), []);
  assert.equal(await session.hasStoredSecret(HOST), false);
  assert.ok(!log.lines.some((line) => line.startsWith('Renewed')));
});

test('a renewal that finishes after signing in again leaves the new sign-in as it is', async () => {
  const { entra, credentials, start } = setUp();
  const session = start();
  await session.login(REQUESTS.servicePrincipal);
  let finish: ((token: AcquiredToken) => void) | undefined;
  const freshAnswer = entra.answer;
  entra.answer = () => new Promise((resolve) => (finish = resolve));
  const renewal = session.renewNow(HOST);
  await new Promise((resolve) => setImmediate(resolve));
  entra.answer = freshAnswer;
  await session.login(REQUESTS.adminUser);
  const signedInAgain = credentials.written.get(HOST);
  finish?.({ refreshToken: entra.token() });
  await renewal;
  assert.equal(credentials.written.get(HOST), signedInAgain);
  assert.equal(session.status()[0]?.method, 'adminUser');
});

test('resume forgets a sign-in whose credential was removed outside VS Code, and keeps renewing the others', async () => {
  const { clock, store, credentials, log, start } = setUp();
  const before = start();
  await before.login(REQUESTS.servicePrincipal);
  await before.login({ ...REQUESTS.servicePrincipal, loginServer: OTHER });
  before.dispose();
  credentials.written.delete(HOST); // as `docker logout myreg.azurecr.io` does
  const kept = credentials.written.get(OTHER);
  const session = start();
  await session.resume();
  assert.deepEqual(session.status().map((s) => s.loginServer), [OTHER]);
  assert.deepEqual(Object.keys(store.saved), [OTHER]);
  assert.equal(await session.hasStoredSecret(HOST), false);
  assert.equal(await session.hasStoredSecret(OTHER), true);
  assert.ok(log.lines.includes(`${HOST} was signed out outside VS Code; forgot its sign-in.`));
  assert.ok(log.lines.includes(`Keeping ${OTHER} fresh (signed in before).`));
  assert.deepEqual(clock.pending, [START + 2.25 * HOUR]);
  await clock.advanceTo(START + 2.25 * HOUR);
  assert.notEqual(credentials.written.get(OTHER), kept, 'renewed at 75% of its life');
  assert.equal(credentials.written.has(HOST), false);
});

test('subscription discovery gets one silent credential per Entra ID identity, none for the admin user or a device code of another window', async () => {
  const { log, start } = setUp();
  const before = start();
  await before.login(REQUESTS.servicePrincipal);
  await before.login({ ...REQUESTS.servicePrincipal, loginServer: OTHER });
  await before.login({ ...REQUESTS.adminUser, loginServer: 'admin.azurecr.io' });
  await before.login({ ...REQUESTS.deviceCode, loginServer: 'device.azurecr.io' });
  before.dispose();
  const session = start();
  await session.resume();
  const signIns = await session.entraSignIns();
  assert.deepEqual(signIns.map((s) => s.loginServer), [HOST], 'one per identity: the second registry of the same service principal adds none');
  assert.deepEqual(await signIns[0]!.credential.getToken('https://management.azure.com/.default'), { token: `servicePrincipal with ${CLIENT_SECRET} for https://management.azure.com/.default` });
  assert.ok(log.lines.some((line) => line.startsWith('The sign-in to device.azurecr.io cannot list Azure subscriptions: Sign in to device.azurecr.io again.')));
  assert.ok(!log.lines.some((line) => line.includes(CLIENT_SECRET)), 'the client secret never reaches the log');
});

test('each method keeps its own secret, names its account and renews from what it needs', async () => {
  interface Expected {
    readonly account: string;
    readonly stored?: object;
    readonly renewsWith: (entra: FakeEntra) => SignInSecret | undefined;
    /** Whether each account credential may ask the person: at sign-in, then at the renewal. */
    readonly accountAsks?: boolean[];
    readonly deviceCodes?: number;
  }
  const expected: Record<SignInMethod, Expected> = {
    vscodeAccount: { account: 'person@example.com', renewsWith: (entra) => ({ entraCredential: entra.accountCredentials[1]! }), accountAsks: [true, false] },
    azureCli: { account: 'Azure CLI account (tenant tenant-1)', renewsWith: () => undefined },
    servicePrincipal: { account: 'application app-1 (tenant tenant-1)', stored: { clientSecret: CLIENT_SECRET }, renewsWith: () => ({ clientSecret: CLIENT_SECRET }) },
    servicePrincipalCertificate: { account: 'application app-1 (tenant tenant-1)', renewsWith: () => undefined },
    // Renewed from the credential the window signed in, without a second code.
    deviceCode: { account: 'device-code user (tenant tenant-1)', renewsWith: (entra) => ({ entraCredential: entra.deviceCodeCredential }), deviceCodes: 1 },
    // The registry's token names the admin user or the token.
    adminUser: { account: 'token-user', stored: { password: PASSWORD }, renewsWith: () => ({ password: PASSWORD }) },
  };
  for (const [method, want] of Object.entries(expected) as [SignInMethod, Expected][]) {
    const { entra, store, prompts, start } = setUp();
    const session = start();
    const status = await session.login(REQUESTS[method]);
    assert.equal(status.account, want.account, method);
    const stored = store.secrets.get(HOST);
    assert.deepEqual(stored === undefined ? undefined : JSON.parse(stored), want.stored, method);
    const plain = JSON.stringify(store.saved);
    assert.ok(!plain.includes(CLIENT_SECRET) && !plain.includes(PASSWORD), `${method}: no secret in plain state`);
    assert.deepEqual(store.methods, { [HOST]: method });
    await session.renewNow(HOST);
    assert.deepEqual(entra.secretsUsed.at(-1), want.renewsWith(entra), method);
    assert.deepEqual(entra.accountAsks, want.accountAsks ?? [], method);
    assert.equal(prompts.deviceCodes.length, want.deviceCodes ?? 0, method);
  }
});

test('a failure that quotes a stored secret reaches the caller masked', async () => {
  const { entra, start } = setUp();
  await start().login(REQUESTS.servicePrincipal);
  const restarted = start();
  await restarted.resume();
  entra.answer = () => Promise.reject(new Error(`invalid_client: the secret ${CLIENT_SECRET} has expired`));
  await assert.rejects(restarted.renewNow(HOST), (error: Error) => {
    assert.match(error.message, /has expired/);
    assert.ok(!error.message.includes(CLIENT_SECRET));
    return true;
  });
});

test('the explorer calls with the token written last: after sign-in, renewal and restart; none after logout', async () => {
  const { credentials, start } = setUp();
  const session = start();
  const calls = session.registryCredentials(HOST);
  assert.equal(await calls.refreshToken(), undefined, 'not signed in: anonymous');
  await session.login(REQUESTS.servicePrincipal);
  assert.equal(await calls.refreshToken(), credentials.written.get(HOST));
  const first = credentials.written.get(HOST);
  await calls.renew();
  assert.notEqual(credentials.written.get(HOST), first);
  assert.equal(await calls.refreshToken(), credentials.written.get(HOST));
  session.dispose();
  const restarted = start();
  await restarted.resume();
  assert.equal(await restarted.registryCredentials('myreg').refreshToken(), credentials.written.get(HOST), 'a bare name means its login server');
  await restarted.logout(HOST);
  assert.equal(await restarted.registryCredentials(HOST).refreshToken(), undefined);
});
