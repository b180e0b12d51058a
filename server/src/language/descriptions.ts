// Markdown descriptions of the language tables' entries (commands, flags, VERSION features, builtin
// ARGs), for completion documentation and hover. Pure and table-driven: every word comes from the
// tables in this folder.

import type { Flavor } from '../../../shared/src/settings';
import type { BuiltinArgSpec } from './builtinArgs';
import { flagSpelling, type CommandSpec, type FlagSpec } from './commands';
import { parseVersion, type FeatureSpec } from './features';

const KIND_TEXT: Readonly<Record<FlagSpec['kind'], string>> = {
  bool: 'switch',
  string: 'takes a value',
  list: 'takes a value; repeatable',
};

function code(text: string): string {
  return '`' + text + '`';
}

function featureLine(feature: string | undefined, also: readonly string[] | undefined): string | undefined {
  if (feature === undefined) return undefined;
  const all = [feature, ...(also ?? [])].map((f) => code(`VERSION --${f}`));
  return `Needs ${all.join(' and ')} (or a VERSION that turns it on).`;
}

function paragraphs(parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join('\n\n');
}

/** A command: its usage, what it does, and what it needs or replaces it. */
export function describeCommand(spec: CommandSpec): string {
  return paragraphs([
    '```earthfile\n' + spec.synopsis + '\n```',
    spec.doc,
    featureLine(spec.feature, spec.alsoFeatures),
    spec.deprecated && `**Deprecated**${spec.deprecated.earthbuildOnly ? ' by EarthBuild' : ''}: ${spec.deprecated.message}`,
    spec.rejected && `**Not supported** by Earthly: ${spec.rejected}.`,
    spec.unsupported ? '**Not supported** in Earthfiles.' : undefined,
  ]);
}

/** A flag of `command`: its value shape, what it does, and what it needs or replaces it. */
export function describeFlag(command: CommandSpec, flag: FlagSpec): string {
  return paragraphs([
    `${code(`${command.name} ${flagSpelling(flag)}`)} (${KIND_TEXT[flag.kind]})`,
    flag.doc,
    flag.values && `Values: ${flag.values.map(code).join(', ')}.`,
    flag.default !== undefined ? `Default: ${code(JSON.stringify(flag.default).slice(1, -1))}.` : undefined,
    featureLine(flag.feature, flag.alsoFeatures),
    flag.requiresFlags && `Needs ${flag.requiresFlags.map((f) => code(`--${f}`)).join(', ')} as well.`,
    flag.placement === 'baseRecipe' ? 'Only in the base recipe.' : undefined,
    flag.deprecated && `**Deprecated**: ${flag.deprecated}`,
    flag.obsolete && `**Obsolete**: ${flag.obsolete}`,
    flag.ignored,
  ]);
}

/** A VERSION feature flag: what it changes and from which version it is on by default. */
export function describeFeature(spec: FeatureSpec): string {
  const since = parseVersion(spec.defaultAt)
    ? `On by default from ${code(`VERSION ${spec.defaultAt}`)}.`
    : spec.defaultAt === 'experimental'
      ? 'Experimental: on only when named on the VERSION line.'
      : 'Never on by default: on only when named on the VERSION line.';
  return paragraphs([
    code(`VERSION --${spec.name}`),
    spec.doc,
    since,
    spec.requires && `Needs ${spec.requires.map((r) => code(`--${r}`)).join(', ')} as well.`,
    spec.disables && `Switches off ${code(`--${spec.disables}`)}.`,
  ]);
}

/** The spelling of a builtin ARG under `flavor`. */
export function builtinSpelling(spec: BuiltinArgSpec, flavor: Flavor): string {
  return flavor === 'earthbuild' ? spec.earthbuildName : spec.name;
}

/** A builtin ARG, spelled for `flavor`: the value it gets and when it is available. */
export function describeBuiltinArg(spec: BuiltinArgSpec, flavor: Flavor): string {
  const name = builtinSpelling(spec, flavor);
  return paragraphs([
    `${code(name)} (builtin ARG)`,
    spec.doc,
    `Declare it with a bare ${code(`ARG ${name}`)} before use; it takes no default and no override.`,
    featureLine(spec.feature, undefined),
    spec.earthbuildOnly ? 'EarthBuild only.' : undefined,
  ]);
}
