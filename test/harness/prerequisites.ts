// System prerequisites of the VS Code test layers. A missing one fails loudly, naming the Debian package.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

interface Prerequisite {
  readonly what: string;
  /** Any of these paths (absolute) or commands (looked up on PATH) satisfies it. */
  readonly anyOf: readonly string[];
  readonly debianPackage: string;
}

export const CODE_SERVER_BUILD: readonly Prerequisite[] = [
  { what: 'ripgrep (code-server bundles it; its installer cannot download it here)', anyOf: ['rg'], debianPackage: 'ripgrep' },
  { what: 'Kerberos headers (code-server compiles the kerberos module)', anyOf: ['/usr/include/gssapi/gssapi.h', '/usr/include/krb5.h'], debianPackage: 'libkrb5-dev' },
  { what: 'a C++ compiler for native modules', anyOf: ['g++'], debianPackage: 'g++' },
  { what: 'make', anyOf: ['make'], debianPackage: 'make' },
  { what: 'python3 for node-gyp', anyOf: ['python3'], debianPackage: 'python3' },
];

export const BROWSER: readonly Prerequisite[] = [
  { what: 'Chromium for the workbench', anyOf: ['/usr/bin/chromium'], debianPackage: 'chromium' },
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isPresent(candidate: string): boolean {
  if (candidate.startsWith('/')) {
    try {
      accessSync(candidate, constants.R_OK);
      return true;
    } catch {
      return false;
    }
  }
  return (process.env.PATH ?? '').split(delimiter).some((dir) => isExecutable(join(dir, candidate)));
}

/** Throws one error listing every missing prerequisite and the `apt-get` line that installs them. */
export function requirePrerequisites(list: readonly Prerequisite[]): void {
  const missing = list.filter((p) => !p.anyOf.some(isPresent));
  if (missing.length === 0) return;
  const lines = missing.map((p) => `  - ${p.what}: Debian package "${p.debianPackage}"`);
  const packages = [...new Set(missing.map((p) => p.debianPackage))].join(' ');
  throw new Error(
    `Missing system prerequisites:\n${lines.join('\n')}\nInstall them with: apt-get install -y --no-install-recommends ${packages}`,
  );
}

/** Finds a command on PATH, or undefined. */
export function which(command: string): string | undefined {
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, command)).find(isExecutable);
}
