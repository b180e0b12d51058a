// The `earthly` task definition as tasks.json holds it, validated: a value of the wrong type becomes a
// message naming the property, never an exception in the middle of a run. Pure: no vscode here.
import { resolve } from 'node:path';

export const EARTHLY_TASK_TYPE = 'earthly';

/** What an `earthly` task says; the JSON schema in package.json (`taskDefinitions`) describes the same. */
export interface EarthlyTaskFields {
  readonly type: 'earthly';
  /** Full reference, e.g. `./services/api+build`, or `+build` (of the Earthfile in `earthfileDir`, else the cwd). */
  readonly target: string;
  /** Build-arg overrides, passed as `--NAME=value` after the target. */
  readonly args?: Readonly<Record<string, string>>;
  /** Earthly flags, e.g. `--push`, `--ci`, `--no-cache`, `-P`, `--platform=linux/arm64`. */
  readonly flags?: readonly string[];
  /** Secret names: passed as `--secret NAME`; the value only ever travels in the environment. */
  readonly secrets?: readonly string[];
  /** Workspace-relative directory of the Earthfile, when `target` is `+name`. */
  readonly earthfileDir?: string;
  /** Where earthly runs, relative to the workspace folder (default: the folder, or `earthfileDir` for `+name`). */
  readonly cwd?: string;
}

export type Validated = { readonly definition: EarthlyTaskFields } | { readonly error: string };

/** ARG names and environment variable names: what `--NAME=value` and `--secret NAME` can carry. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Environment variables the runner sets itself (commandLine.ts), which a secret value cannot travel in. */
const RUNNER_ENV: ReadonlySet<string> = new Set(['PWD']);

/** What is wrong with `name` as a secret name, if anything. */
export function secretNameProblem(name: string): string | undefined {
  if (!NAME.test(name)) return 'A secret name has letters, digits and _, and does not start with a digit';
  if (RUNNER_ENV.has(name)) return `${name} is the directory earthly runs in; give the secret another name`;
  return undefined;
}

type Check = (value: unknown) => string | undefined;

const isString: Check = (value) => (typeof value === 'string' ? undefined : 'must be a string');

/** One check per property: the message says what is wrong, the property name is added by the caller. */
const CHECKS: Readonly<Record<keyof Omit<EarthlyTaskFields, 'type'>, Check>> = {
  target: (value) => {
    if (typeof value !== 'string' || value.trim() === '') return 'must be a target reference such as "+build" or "./services/api+build"';
    if (value.startsWith('-')) return 'must be a target reference, not a flag (put flags in "flags")';
    if (!value.includes('+')) return `"${value}" names no target: write "+${value}" or "<dir>+${value}"`;
    return undefined;
  },
  args: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of ARG names to string values';
    for (const [name, arg] of Object.entries(value)) {
      if (!NAME.test(name)) return `has "${name}", which is not an ARG name`;
      if (typeof arg !== 'string') return `.${name} must be a string (write "${String(arg)}" in quotes)`;
    }
    return undefined;
  },
  flags: (value) => {
    if (!Array.isArray(value)) return 'must be an array of strings such as ["--push", "--ci"]';
    const bad = value.find((flag) => typeof flag !== 'string' || !flag.startsWith('-'));
    return bad === undefined ? undefined : `has ${JSON.stringify(bad)}, which is not a flag (flags start with "-")`;
  },
  secrets: (value) => {
    if (!Array.isArray(value)) return 'must be an array of secret names such as ["NPM_TOKEN"]';
    for (const name of value) {
      const why = typeof name === 'string' ? secretNameProblem(name) : 'A secret name is a string';
      if (why) return `has ${JSON.stringify(name)}: ${why} (no value: it comes from the environment or SecretStorage)`;
    }
    return undefined;
  },
  earthfileDir: isString,
  cwd: isString,
};

/** The definition, or the first thing wrong with it (for a tasks.json entry typed by hand). */
export function validateTaskDefinition(raw: unknown): Validated {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'The earthly task definition must be an object.' };
  const value = raw as Record<string, unknown>;
  if (value.type !== EARTHLY_TASK_TYPE) return { error: `The task type must be "${EARTHLY_TASK_TYPE}".` };
  for (const [property, check] of Object.entries(CHECKS)) {
    if (property !== 'target' && value[property] === undefined) continue;
    const problem = check(value[property]);
    if (problem) return { error: `The earthly task's "${property}" ${problem}.` };
  }
  return { definition: value as unknown as EarthlyTaskFields };
}

/**
 * The Earthfile directory and target name of a local reference as earthly resolves it from `cwd`
 * (`+build`, `./dir+build`, `../dir+build`, `/abs/dir+build`); undefined for remote ones (`github.com/o/r+t`).
 */
export function localTargetOf(reference: string, cwd: string): { readonly dir: string; readonly name: string } | undefined {
  const plus = reference.lastIndexOf('+');
  if (plus < 0) return undefined;
  const dir = reference.slice(0, plus);
  const name = reference.slice(plus + 1);
  if (dir !== '' && !/^(\.{1,2}(\/|$)|\/)/.test(dir)) return undefined;
  return { dir: resolve(cwd, dir), name };
}
