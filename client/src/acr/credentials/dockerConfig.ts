// Docker's config.json: where it is, and the edits `docker login` and `docker logout` make to it for a
// registry signed in with an identity token (acr-protocol.md section 7). The edits are pure functions
// that return the config unchanged (the same object) when there is nothing to do.
import { join } from 'node:path';
import { CredentialError } from './credentialError';
import type { HostEnvironment } from './hostEnvironment';
import { isJsonObject, type JsonObject } from './jsonConfigFile';

/** The user name ACR token logins use; the password is empty and the token goes in `identitytoken`. */
export const TOKEN_LOGIN_USERNAME = '00000000-0000-0000-0000-000000000000';
/** `auth` of a token login: base64 of the user name and the empty password. */
export const TOKEN_LOGIN_AUTH = Buffer.from(`${TOKEN_LOGIN_USERNAME}:`).toString('base64');

/** The credential helper docker uses for a registry and the config key that chose it. */
export interface HelperChoice {
  readonly name: string;
  readonly setting: 'credHelpers' | 'credsStore';
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(host: Pick<HostEnvironment, 'env' | 'homeDir'>): string {
  const folder = host.env.DOCKER_CONFIG || join(host.homeDir, '.docker');
  return join(folder, 'config.json');
}

/**
 * Refuses a config whose credential keys have types docker would reject, so that we neither misread
 * where credentials go nor rewrite such a file.
 */
export function checkCredentialKeys(config: JsonObject, path: string): void {
  const wrong = (key: string) =>
    new CredentialError('invalidConfig', `"${key}" in ${path} does not have the form docker expects, so the file was left untouched.`);
  if (config.auths !== undefined && !isJsonObject(config.auths)) throw wrong('auths');
  if (config.credsStore !== undefined && typeof config.credsStore !== 'string') throw wrong('credsStore');
  if (config.credHelpers !== undefined && !isJsonObject(config.credHelpers)) throw wrong('credHelpers');
}

/**
 * The helper docker stores `host`'s credentials with: `credHelpers[host]`, else `credsStore`.
 * An empty name, including `credHelpers[host] = ""`, means the config file itself.
 */
export function helperFor(config: JsonObject, host: string): HelperChoice | undefined {
  const helpers = isJsonObject(config.credHelpers) ? config.credHelpers : {};
  if (Object.hasOwn(helpers, host)) {
    const name = helpers[host];
    return typeof name === 'string' && name !== '' ? { name, setting: 'credHelpers' } : undefined;
  }
  const store = config.credsStore;
  return typeof store === 'string' && store !== '' ? { name: store, setting: 'credsStore' } : undefined;
}

/** `config` with `host` signed in by identity token, the entry `docker login` writes to the file store. */
export function withIdentityToken(config: JsonObject, host: string, token: string): JsonObject {
  return withEntry(config, host, { auth: TOKEN_LOGIN_AUTH, identitytoken: token });
}

/**
 * `config` with the empty entry docker keeps for a registry whose credentials are in a helper. A token
 * login left in the file from before the helper was configured is blanked, as docker does; an entry
 * with anything else in it is kept.
 */
export function withHelperEntry(config: JsonObject, host: string): JsonObject {
  const entry = authsOf(config)[host];
  if (isJsonObject(entry) && (Object.keys(entry).length === 0 || !isOurEntry(entry))) return config;
  return withEntry(config, host, {});
}

/**
 * `config` without `host`'s entry when that entry is one we write (a token login or the empty helper
 * entry); an entry holding anything else, such as a later password login, is kept.
 */
export function withoutHost(config: JsonObject, host: string): JsonObject {
  const auths = authsOf(config);
  if (!Object.hasOwn(auths, host) || !isOurEntry(auths[host])) return config;
  const rest = { ...auths };
  delete rest[host];
  return { ...config, auths: rest };
}

/** The identity token stored for `host` in the file, if any. */
export function identityTokenIn(config: JsonObject, host: string): string | undefined {
  const entry = authsOf(config)[host];
  return isJsonObject(entry) && typeof entry.identitytoken === 'string' && entry.identitytoken !== '' ? entry.identitytoken : undefined;
}

function authsOf(config: JsonObject): JsonObject {
  return isJsonObject(config.auths) ? config.auths : {};
}

function withEntry(config: JsonObject, host: string, entry: JsonObject): JsonObject {
  return { ...config, auths: { ...authsOf(config), [host]: entry } };
}

function isOurEntry(entry: unknown): boolean {
  if (!isJsonObject(entry)) return false;
  const keys = Object.keys(entry);
  if (keys.length === 0) return true;
  return keys.length === 2 && entry.auth === TOKEN_LOGIN_AUTH && typeof entry.identitytoken === 'string';
}
