// skopeo, a real registry client, run against the registry with its CA in `--cert-dir` and credentials
// in a docker `config.json` (never on the command line, where error messages would show them).
import { writeFileSync } from 'node:fs';
import { requirePrerequisites } from '../harness/prerequisites';
import { run } from '../harness/processes';
import { CLIENT_PREREQUISITES } from './prerequisites';
import type { Registry } from './registry';
import { EMPTY_GUID } from './tokenService';

export type DockerLogin = { readonly username: string; readonly password: string } | { readonly identityToken: string };

/** A docker config.json as `docker login` leaves it (identity tokens with the empty-GUID user, no password). */
export function writeDockerConfig(path: string, registry: Registry, login: DockerLogin): string {
  const entry = 'identityToken' in login
    ? { auth: Buffer.from(`${EMPTY_GUID}:`).toString('base64'), identitytoken: login.identityToken }
    : { auth: Buffer.from(`${login.username}:${login.password}`).toString('base64') };
  writeFileSync(path, JSON.stringify({ auths: { [registry.loginServer]: entry } }), { mode: 0o600 });
  return path;
}

export async function skopeoCopy(registry: Registry, from: string, to: string, authfile: string): Promise<string> {
  requirePrerequisites(CLIENT_PREREQUISITES);
  const side = to.startsWith('docker://') ? 'dest' : 'src';
  return run('skopeo', ['copy', '--all', `--${side}-cert-dir`, registry.certDir, `--${side}-authfile`, authfile, from, to]);
}

export async function skopeoInspectRaw(registry: Registry, image: string, authfile: string): Promise<Record<string, unknown>> {
  requirePrerequisites(CLIENT_PREREQUISITES);
  return JSON.parse(await run('skopeo', ['inspect', '--raw', '--cert-dir', registry.certDir, '--authfile', authfile, image])) as Record<string, unknown>;
}
