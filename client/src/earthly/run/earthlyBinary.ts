// Finds the earthly binary: `earthly.path` when set (a path, or a name looked up on PATH), else
// `earthly` on PATH, then `earth` (EarthBuild's name); reads its version, and says what to do when there
// is none. No vscode here.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, delimiter, isAbsolute, join, resolve } from 'node:path';
import type { RunSettings } from './runSettings';

export const INSTALL_URL = 'https://earthly.dev/get-earthly';
/** Names tried on PATH when `earthly.path` is empty, in order. */
export const DEFAULT_BINARY_NAMES: readonly string[] = ['earthly', 'earth'];
const VERSION_TIMEOUT_MS = 15_000;

export interface EarthlyBinary {
  readonly path: string;
  /** The file name, shown at the start of the command line (`earthly`, `earth`). */
  readonly name: string;
}

/** Absolute candidates in order: a configured path as is, names in each PATH directory (with PATHEXT on Windows). */
export function binaryCandidates(configured: string, pathVariable: string, platform: NodeJS.Platform = process.platform, pathExt = '.EXE;.CMD;.BAT'): string[] {
  const names = configured ? [configured] : [...DEFAULT_BINARY_NAMES];
  const extensions = platform === 'win32' ? ['', ...pathExt.split(';').filter(Boolean).map((e) => e.toLowerCase())] : [''];
  const dirs = pathVariable.split(delimiter).filter(Boolean);
  const candidates: string[] = [];
  for (const name of names) {
    if (isAbsolute(name) || /[\\/]/.test(name)) {
      candidates.push(...extensions.map((ext) => resolve(name) + ext));
      continue;
    }
    for (const dir of dirs) candidates.push(...extensions.map((ext) => join(dir, name + ext)));
  }
  return candidates;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** What the user reads when no binary is found: the places looked at, and how to fix it. */
export function missingBinaryMessage(settings: RunSettings): string {
  return settings.path
    ? `Earthly: "${settings.path}" (the earthly.path setting) is not an executable file.`
    : 'Earthly: neither "earthly" nor "earth" (EarthBuild) is on PATH. Install Earthly or set earthly.path.';
}

/** The binary to run, or undefined when none of the candidates exists. */
export async function findEarthlyBinary(configured: string, env: NodeJS.ProcessEnv = process.env): Promise<EarthlyBinary | undefined> {
  for (const candidate of binaryCandidates(configured, env.PATH ?? env.Path ?? '', process.platform, env.PATHEXT)) {
    if (await isExecutable(candidate)) return { path: candidate, name: basename(candidate).replace(/\.(exe|cmd|bat)$/i, '') };
  }
  return undefined;
}

/** `v0.8.15` from `earthly version v0.8.15 abc123 linux/amd64; …`; the first line when it has another shape. */
export function parseVersion(output: string): string | undefined {
  const line = output.split(/\r?\n/).find((l) => l.trim() !== '')?.trim();
  if (!line) return undefined;
  return /\bversion\s+(v?\d[\w.+-]*)/i.exec(line)?.[1] ?? line.slice(0, 80);
}

/** Runs `<binary> --version`; rejects with a short message when it cannot run. */
export function readEarthlyVersion(binary: EarthlyBinary): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(binary.path, ['--version'], { timeout: VERSION_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      const version = parseVersion(String(stdout));
      if (version) resolvePromise(version);
      else reject(new Error(`${binary.path} --version failed: ${error?.message ?? 'no output'}`));
    });
  });
}
