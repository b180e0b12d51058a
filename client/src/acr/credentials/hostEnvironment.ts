// The facts about the machine that decide where registry credentials live. Passed in rather than read
// from `process` so tests and other hosts can point the credential layer at temporary folders.
import { homedir } from 'node:os';

export interface HostEnvironment {
  /** Environment variables: DOCKER_CONFIG, REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR and the PATH helpers are found on. */
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
  readonly platform: NodeJS.Platform;
  /** The user id, where the platform has one. */
  readonly uid?: number;
}

export function currentHostEnvironment(): HostEnvironment {
  return { env: process.env, homeDir: homedir(), platform: process.platform, uid: process.getuid?.() };
}
