// Where podman, skopeo and buildah (containers/image) look for registry credentials first. Their
// auth.json has docker's `auths` shape, so the entries docker login writes work there unchanged.
import { join } from 'node:path';
import type { HostEnvironment } from './hostEnvironment';

/**
 * `$REGISTRY_AUTH_FILE`; else, on Linux, `$XDG_RUNTIME_DIR/containers/auth.json` (or
 * `/run/containers/<uid>/auth.json` without that variable); elsewhere `~/.config/containers/auth.json`.
 */
export function containersAuthPath(host: HostEnvironment): string {
  if (host.env.REGISTRY_AUTH_FILE) return host.env.REGISTRY_AUTH_FILE;
  if (host.platform !== 'linux') return join(host.homeDir, '.config', 'containers', 'auth.json');
  if (host.env.XDG_RUNTIME_DIR) return join(host.env.XDG_RUNTIME_DIR, 'containers', 'auth.json');
  return join('/run/containers', String(host.uid ?? 0), 'auth.json');
}
