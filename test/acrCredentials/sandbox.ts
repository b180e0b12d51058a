// Temporary homes for the credential tests: a docker config folder, a PATH with stand-in credential
// helpers that record every call, and a way to act as an unprivileged user so read-only folders stay
// read-only even when the tests run as root.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostEnvironment } from '../../client/src/acr/credentials/hostEnvironment';
import { TOKEN_LOGIN_AUTH } from '../../client/src/acr/credentials/dockerConfig';
import { makeJwt } from '../unit/acr/jwt';

/** How a stand-in helper answers `store`: like a keychain, or like a failing one. */
export type HelperBehaviour = 'keychain' | 'stubReceivedBadData' | 'echoesRequest' | 'hangs';

const STORE_ANSWERS: Record<HelperBehaviour, string> = {
  keychain: 'printf \'%s\' "$input" > "$state"',
  stubReceivedBadData: 'echo "The stub received bad data."; exit 1',
  echoesRequest: 'echo "cannot store $input"; exit 1',
  hangs: 'sleep 5',
};

export interface Sandbox {
  readonly root: string;
  readonly host: HostEnvironment;
  /** `$DOCKER_CONFIG/config.json`. */
  readonly configFile: string;
  readonly authFile: string;
  installHelper(name: string, behaviour?: HelperBehaviour): void;
  /** Each call of helper `name` as `<action> <stdin>`. */
  helperCalls(name: string): string[];
  cleanUp(): void;
}

export function makeSandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'acr-credentials-'));
  // Traversable by the unprivileged user of runUnprivileged().
  chmodSync(root, 0o755);
  const bin = join(root, 'bin');
  mkdirSync(bin);
  const docker = join(root, 'docker');
  const host: HostEnvironment = {
    env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, DOCKER_CONFIG: docker, REGISTRY_AUTH_FILE: join(root, 'containers', 'auth.json') },
    homeDir: join(root, 'home'),
    platform: 'linux',
    uid: 1000,
  };
  const logOf = (name: string) => join(root, `${name}.calls`);
  return {
    root,
    host,
    configFile: join(docker, 'config.json'),
    authFile: join(root, 'containers', 'auth.json'),
    installHelper(name, behaviour = 'keychain') {
      const script = [
        '#!/bin/sh',
        '# Stand-in docker credential helper: records each call, answers per the helper protocol.',
        `log='${logOf(name)}'`,
        `state='${join(root, `${name}.state`)}'`,
        'input=$(cat)',
        'printf \'%s %s\\n\' "$1" "$input" >> "$log"',
        'case "$1" in',
        `  store) ${STORE_ANSWERS[behaviour]} ;;`,
        '  get) if [ -f "$state" ]; then cat "$state"; else echo "credentials not found in native keychain"; exit 1; fi ;;',
        '  erase) if [ -f "$state" ]; then rm "$state"; else echo "credentials not found in native keychain"; exit 1; fi ;;',
        '  *) echo "Unknown credential action $1"; exit 1 ;;',
        'esac',
        '',
      ].join('\n');
      writeFileSync(join(bin, `docker-credential-${name}`), script, { mode: 0o755 });
    },
    helperCalls(name) {
      const log = logOf(name);
      return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((line) => line !== '') : [];
    },
    cleanUp() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A refresh token shaped like ACR's (a three-hour JWT). */
export function refreshToken(subject = 'user@example.com'): string {
  const now = Math.floor(Date.now() / 1000);
  return makeJwt({ jti: 'b0c8e1a2', sub: subject, iat: now, exp: now + 3 * 3600, iss: 'Azure Container Registry', aud: 'myreg.azurecr.io' });
}

/** Writes `text` as the file and returns it, so tests can compare bytes afterwards. */
export function writeText(path: string, text: string, mode = 0o600): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  return text;
}

/** Runs `action` as user "nobody" when this process is root, since root may write to read-only folders. */
export async function runUnprivileged<T>(action: () => Promise<T>): Promise<T> {
  if (process.geteuid?.() !== 0) return action();
  process.seteuid?.(65534);
  try {
    return await action();
  } finally {
    process.seteuid?.(0);
  }
}

/** Asserts that an error's message carries no token, no secret and no `auth` value. */
export function assertNoSecret(error: unknown, ...secrets: string[]): true {
  assert.ok(error instanceof Error, 'an Error');
  for (const secret of [...secrets, TOKEN_LOGIN_AUTH]) assert.ok(!error.message.includes(secret), `secret in: ${error.message.slice(0, 80)}…`);
  assert.ok(!/eyJ[A-Za-z0-9_-]{8}/.test(error.message), 'no JWT in the message');
  return true;
}
