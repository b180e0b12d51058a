// What the ACR suites know about the local registry the harness started, from `EARTHLY_TEST_ACR`; the
// secrets of the test identities only ever travel in that variable.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';

export interface AcrTestEnvironment {
  readonly loginServer: string;
  readonly endpoint: string;
  readonly certDir: string;
  readonly tenantId: string;
  /** `certificateFile`: its certificate and private key (PEM), registered on it like the secret. */
  readonly servicePrincipal: { readonly clientId: string; readonly clientSecret: string; readonly certificateFile: string };
  readonly admin: { readonly username: string; readonly password: string };
  /** code-server's user data: the tests look through its logs and settings for leaked secrets. */
  readonly userDataDir: string;
  /** DOCKER_CONFIG of the extension host: where sign-in writes the credentials. */
  readonly dockerConfigDir: string;
  /** Where the `az` stand-in (test/fixtures/bin/az) appends the arguments of each call, one JSON array a line. */
  readonly azureCliLog: string;
  /** Where the `docker` stand-in (test/fixtures/bin/docker) appends each call, one JSON object a line. */
  readonly dockerCliLog: string;
  /** podman's storage.conf (CONTAINERS_STORAGE_CONF): the vfs driver, in the scratch folder, so podman runs as root without kernel features. */
  readonly podmanStorageConf: string;
}

export function acrTestEnvironment(): AcrTestEnvironment {
  const raw = process.env.EARTHLY_TEST_ACR;
  if (!raw) throw new Error('EARTHLY_TEST_ACR is not set: run the suites through test/harness/runVSCodeTests.');
  return JSON.parse(raw) as AcrTestEnvironment;
}

/** The argument lists `az` was called with so far. */
export function azureCliCalls(env: AcrTestEnvironment = acrTestEnvironment()): string[][] {
  if (!existsSync(env.azureCliLog)) return [];
  return readFileSync(env.azureCliLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as string[]);
}

export function dockerConfigFile(env: AcrTestEnvironment = acrTestEnvironment()): string {
  return join(env.dockerConfigDir, 'config.json');
}

/** The identity token docker's config file holds for `loginServer`, if any. */
export function identityTokenFor(loginServer: string): string | undefined {
  try {
    const config = JSON.parse(readFileSync(dockerConfigFile(), 'utf8')) as { auths?: Record<string, { identitytoken?: string }> };
    return config.auths?.[loginServer]?.identitytoken;
  } catch {
    return undefined;
  }
}

/** Calls the registry's test control endpoints (`/_emulator/*`), trusting its CA (from the extension host or the harness). */
export function control(env: AcrTestEnvironment, method: string, path: string, body?: unknown): Promise<void> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${env.endpoint}/_emulator/${path}`,
      // A body needs its length: Node sends a DELETE's without framing otherwise.
      { method, ca: readFileSync(join(env.certDir, 'ca.crt')), headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {} },
      (res) => {
        res.resume();
        res.on('end', () => ((res.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`${method} /_emulator/${path} answered ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Pulls an image's manifest with skopeo using only the docker config the extension wrote: a real
 * registry client checking our credentials. Resolves with skopeo's exit code and stderr.
 */
export function skopeoInspect(env: AcrTestEnvironment, image = 'hello-world:latest'): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('skopeo', ['inspect', '--raw', '--authfile', dockerConfigFile(env), '--cert-dir', env.certDir, `docker://${env.loginServer}/${image}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}
