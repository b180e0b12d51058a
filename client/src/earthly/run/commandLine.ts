// From a validated task definition and the settings to the exact argv, working directory and extra
// environment of one earthly run. Pure: the runner spawns without a shell, so each argument reaches
// earthly literally, and secret values only ever appear in `env`.
//
// Where earthly runs: it resolves `./dir+target` against its working directory and reads `.arg`,
// `.secret` and `.env` from there. So a task runs in `cwd` when given (relative to the workspace
// folder); else a `+name` target with `earthfileDir` runs in that directory, as `cd dir && earthly +name`
// would; else in the workspace folder, where detected tasks name targets as `./dir+name`.
import { isAbsolute, relative, resolve, posix, sep } from 'node:path';
import type { RunSettings } from './runSettings';
import type { EarthlyTaskFields } from './taskDefinition';

export interface CommandLine {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /**
   * Added to the inherited environment: PWD, as a shell sets it after `cd` (earthly, like any Go program,
   * takes a valid $PWD as its directory, so it names files by the workspace's path, symlinks and all),
   * and the secret values by name.
   */
  readonly env: Readonly<Record<string, string>>;
}

/** The directory earthly runs in (see above). */
export function workingDirectoryOf(definition: EarthlyTaskFields, folderPath: string): string {
  if (definition.cwd) return resolve(folderPath, definition.cwd);
  if (definition.earthfileDir && definition.target.startsWith('+')) return resolve(folderPath, definition.earthfileDir);
  return folderPath;
}

/** The target as earthly must see it from `cwd`: `+name` of an `earthfileDir` elsewhere becomes `./dir+name`. */
export function targetFrom(definition: EarthlyTaskFields, folderPath: string, cwd: string): string {
  if (!definition.earthfileDir || !definition.target.startsWith('+')) return definition.target;
  const dir = relative(cwd, resolve(folderPath, definition.earthfileDir)).split(sep).join(posix.sep);
  if (dir === '') return definition.target;
  return `${dir.startsWith('../') || isAbsolute(dir) ? '' : './'}${dir}${definition.target}`;
}

/**
 * Global flags first (buildkit host, satellite, default flags, the task's flags, secrets), then the
 * target, then the build args: earthly reads flags before the target and build args after it.
 */
export function buildCommandLine(
  binary: string,
  definition: EarthlyTaskFields,
  settings: RunSettings,
  folderPath: string,
  secretValues: Readonly<Record<string, string>> = {},
): CommandLine {
  const cwd = workingDirectoryOf(definition, folderPath);
  const secrets = definition.secrets ?? [];
  const args = [
    ...(settings.buildkitHost ? ['--buildkit-host', settings.buildkitHost] : []),
    ...(settings.satellite ? ['--sat', settings.satellite] : []),
    ...settings.defaultFlags,
    ...(definition.flags ?? []),
    ...secrets.flatMap((name) => ['--secret', name]),
    targetFrom(definition, folderPath, cwd),
    ...Object.entries(definition.args ?? {}).map(([name, value]) => `--${name}=${value}`),
  ];
  const env = { PWD: cwd, ...Object.fromEntries(secrets.filter((name) => secretValues[name] !== undefined).map((name) => [name, secretValues[name]!])) };
  return { file: binary, args, cwd, env };
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\', "'": "\\'" };

/**
 * POSIX-shell quoting, for showing the command line (never for running it). Control characters are
 * shown as `$'\n'` escapes, so an argument cannot break the line or send escape sequences to the terminal.
 */
export function quoteForDisplay(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  if (!CONTROL.test(arg)) return `'${arg.replace(/'/g, `'\\''`)}'`;
  const escaped = [...arg].map((c) => ESCAPES[c] ?? (CONTROL.test(c) ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : c)).join('');
  return `$'${escaped}'`;
}

/** The command line as the terminal shows it: `earthly --push ./services/api+build '--TAG=a b'`. */
export function displayCommandLine(line: CommandLine, binaryName: string): string {
  return [binaryName, ...line.args].map(quoteForDisplay).join(' ');
}
