// Puts an ACR refresh token where registry clients look for it, exactly as `docker login` with a token
// would, and takes it away again on logout. Where it went is returned as a record without secrets, so
// it can be kept across restarts and logout erases exactly what sign-in wrote.
import { describeError } from '../tokens/redact';
import { containersAuthPath } from './containersAuth';
import { CredentialError } from './credentialError';
import { eraseWithHelper, getFromHelper, IDENTITY_TOKEN_USERNAME, storeWithHelper, type HelperOptions } from './credentialHelper';
import {
  checkCredentialKeys,
  dockerConfigPath,
  helperFor,
  identityTokenIn,
  withHelperEntry,
  withIdentityToken,
  withoutHost,
  type HelperChoice,
} from './dockerConfig';
import { currentHostEnvironment, type HostEnvironment } from './hostEnvironment';
import { readJsonConfig, updateJsonConfig } from './jsonConfigFile';

export interface CredentialStoreOptions {
  /** Defaults to this process's environment. */
  readonly host?: HostEnvironment;
  /** Also write podman/skopeo's auth.json. */
  readonly containersAuth?: boolean;
  readonly helperTimeoutMs?: number;
}

export type CredentialPlace =
  /** `auths[host]` in a docker config file holds the token. */
  | { readonly kind: 'dockerConfig'; readonly file: string }
  /** A credential helper holds the token; the docker config file has the empty `auths[host]` entry. */
  | { readonly kind: 'credentialHelper'; readonly helper: string; readonly dockerConfig: string }
  /** `auths[host]` in podman/skopeo's auth.json holds the token. */
  | { readonly kind: 'containersAuth'; readonly file: string };

export interface CredentialRecord {
  readonly loginServer: string;
  readonly places: readonly CredentialPlace[];
}

export interface StoreResult {
  readonly record: CredentialRecord;
  /** Problems with optional places (auth.json) that did not stop the sign-in; safe to show. */
  readonly warnings: readonly string[];
}

/**
 * Stores `refreshToken` for `loginServer` in docker's credential store: the helper named by
 * `credHelpers[loginServer]` or `credsStore`, else config.json itself; and in auth.json when asked.
 * Throws a {@link CredentialError} when docker's store cannot take it, leaving everything as it was.
 */
export async function storeRegistryCredential(
  loginServer: string,
  refreshToken: string,
  options: CredentialStoreOptions = {},
): Promise<StoreResult> {
  const host = options.host ?? currentHostEnvironment();
  const configFile = dockerConfigPath(host);
  const places: CredentialPlace[] = [];
  await updateJsonConfig(configFile, async ({ content }) => {
    checkCredentialKeys(content, configFile);
    const helper = helperFor(content, loginServer);
    if (!helper) {
      places.push({ kind: 'dockerConfig', file: configFile });
      return withIdentityToken(content, loginServer, refreshToken);
    }
    const credential = { serverURL: loginServer, username: IDENTITY_TOKEN_USERNAME, secret: refreshToken };
    try {
      await storeWithHelper(helper.name, credential, helperOptions(host, options));
    } catch (error) {
      throw explainHelperError(error, helper, loginServer, configFile);
    }
    places.push({ kind: 'credentialHelper', helper: helper.name, dockerConfig: configFile });
    return withHelperEntry(content, loginServer);
  });

  const warnings: string[] = [];
  if (options.containersAuth) {
    const file = containersAuthPath(host);
    try {
      await updateJsonConfig(file, ({ content }) => {
        checkCredentialKeys(content, file);
        return withIdentityToken(content, loginServer, refreshToken);
      });
      places.push({ kind: 'containersAuth', file });
    } catch (error) {
      warnings.push(`Podman and skopeo were not signed in to ${loginServer}: ${describeError(error, [refreshToken])}`);
    }
  }
  return { record: { loginServer, places }, warnings };
}

/** Erases what {@link storeRegistryCredential} wrote; tries every place and then reports all that failed. */
export async function eraseRegistryCredential(record: CredentialRecord, options: CredentialStoreOptions = {}): Promise<void> {
  const host = options.host ?? currentHostEnvironment();
  const failures: unknown[] = [];
  for (const place of record.places) {
    try {
      await erasePlace(place, record.loginServer, host, options);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) {
    const first = failures.find((error) => error instanceof CredentialError);
    const reasons = failures.map((error) => describeError(error)).join(' ');
    throw new CredentialError(first?.code ?? 'fileAccess', `Could not remove all credentials for ${record.loginServer}: ${reasons}`);
  }
}

/**
 * The identity token docker's store holds for `loginServer`, e.g. to schedule its renewal after a restart;
 * undefined when there is none or the registry is signed in with a user name and password.
 */
export async function readRegistryCredential(loginServer: string, options: CredentialStoreOptions = {}): Promise<string | undefined> {
  const host = options.host ?? currentHostEnvironment();
  const configFile = dockerConfigPath(host);
  const { content } = await readJsonConfig(configFile);
  checkCredentialKeys(content, configFile);
  const helper = helperFor(content, loginServer);
  if (!helper) return identityTokenIn(content, loginServer);
  const credential = await getFromHelper(helper.name, loginServer, helperOptions(host, options));
  return credential?.username === IDENTITY_TOKEN_USERNAME && credential.secret !== '' ? credential.secret : undefined;
}

async function erasePlace(place: CredentialPlace, loginServer: string, host: HostEnvironment, options: CredentialStoreOptions): Promise<void> {
  switch (place.kind) {
    case 'dockerConfig':
    case 'containersAuth':
      return removeEntry(place.file, loginServer);
    case 'credentialHelper': {
      // The config entry goes even when the helper fails (for instance, it was uninstalled).
      try {
        await eraseWithHelper(place.helper, loginServer, helperOptions(host, options));
      } finally {
        await removeEntry(place.dockerConfig, loginServer);
      }
      return;
    }
  }
}

/** Removes our entry for `loginServer` from a config file; a file that is gone is not created again. */
function removeEntry(file: string, loginServer: string): Promise<void> {
  return updateJsonConfig(file, ({ content, exists }) => (exists ? withoutHost(content, loginServer) : undefined));
}

function helperOptions(host: HostEnvironment, options: CredentialStoreOptions): HelperOptions {
  return { env: host.env, timeoutMs: options.helperTimeoutMs };
}

function explainHelperError(error: unknown, helper: HelperChoice, loginServer: string, configFile: string): unknown {
  if (!(error instanceof CredentialError)) return error;
  const chosenBy = `"${helper.setting}" in ${configFile}`;
  switch (error.code) {
    case 'tokenTooLarge': {
      const keepInFile =
        helper.setting === 'credsStore'
          ? `Remove "credsStore": "${helper.name}" from ${configFile}, or add "credHelpers": { "${loginServer}": "" } to it,`
          : `Set "credHelpers" for "${loginServer}" to "" in ${configFile}`;
      return new CredentialError(error.code, `${error.message} ${keepInFile} so that docker keeps this registry's token in that file, then sign in again.`);
    }
    case 'helperMissing':
      return new CredentialError(error.code, `${error.message} It is named by ${chosenBy}; install it or change that setting.`);
    default:
      return new CredentialError(error.code, `${error.message} (The helper is named by ${chosenBy}.)`);
  }
}

/** Where a place is, as the log names it. */
export function placeName(place: CredentialPlace): string {
  switch (place.kind) {
    case 'dockerConfig':
    case 'containersAuth':
      return place.file;
    case 'credentialHelper':
      return `docker-credential-${place.helper}`;
  }
}
