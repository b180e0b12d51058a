// Markdown descriptions of the language tables (commands, flags, VERSION features, builtin ARGs): the
// one renderer that hover and completion documentation share. Every sentence comes from the tables in
// this folder; this file only arranges them.

import type { Flavor } from '../../../shared/src/settings';
import type { BuiltinArgSpec } from './builtinArgs';
import { flagSpelling, type CommandSpec, type FlagSpec, type Placement } from './commands';
import { featureByName, parseVersion, type DefaultAt, type FeatureSpec } from './features';

const PLACEMENT_TEXT: Readonly<Record<Placement, string>> = {
  firstStatement: 'Only as the first statement of the Earthfile.',
  baseRecipe: 'Only in the base recipe, before the first target.',
  functionStart: 'Only as the first line of a function.',
};

/** How a flag of each kind is written, given its spelling (`--chmod`) and its value's shape. */
const KIND_TEXT: Readonly<Record<FlagSpec['kind'], (flag: string, value: string) => string>> = {
  bool: (flag) => `A switch; \`${flag}=true\` and \`${flag}=false\` work too.`,
  string: (flag, value) => `Takes one value: \`${flag}=${value}\` or \`${flag} ${value}\`.`,
  list: (flag, value) => `Takes one value each time, \`${flag}=${value}\`, and may be repeated.`,
};

/** When a feature is on without being named on the VERSION line. */
function defaultText(at: DefaultAt): string {
  if (parseVersion(at)) return `on by default from \`VERSION ${at}\``;
  return at === 'experimental' ? 'experimental: on only when named on the VERSION line' : 'never on by default';
}

function code(text: string): string {
  return '`' + text + '`';
}

function paragraphs(parts: readonly (string | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n');
}

/** "Needs `VERSION --for-in` (on by default from `VERSION 0.6`)." for each feature named. */
function needsFeatures(features: readonly (string | undefined)[]): string | undefined {
  const named = features.filter((f): f is string => f !== undefined);
  if (named.length === 0) return undefined;
  const each = named.map((name) => {
    const spec = featureByName(name);
    return `${code(`VERSION --${name}`)}${spec ? ` (${defaultText(spec.defaultAt)})` : ''}`;
  });
  return `Needs ${each.join(' and ')}.`;
}

/** A command: its usage, what it does, what it needs, and whether it is deprecated or refused. */
export function describeCommand(spec: CommandSpec): string {
  const deprecated = spec.deprecated;
  return paragraphs([
    '```earthfile\n' + spec.synopsis + '\n```',
    spec.doc,
    needsFeatures([spec.feature, ...(spec.alsoFeatures ?? [])]),
    spec.wildcardFeature && `Glob references such as \`./svc/*+t\` need ${code(`VERSION --${spec.wildcardFeature}`)}.`,
    spec.placement && PLACEMENT_TEXT[spec.placement],
    deprecated &&
      `**Deprecated**${deprecated.earthbuildOnly ? ' by EarthBuild' : ''}${
        deprecated.whenFeature ? ` once ${code(`--${deprecated.whenFeature}`)} is on` : ''
      }: ${deprecated.message}`,
    spec.rejected && `**Refused by the interpreter**: ${spec.rejected}.`,
    spec.unsupported && '**Not supported**: Earthly reads it but refuses to run it.',
  ]);
}

/** The shape of a flag's value: its closed set of values, its placeholder, or `<value>`. */
function valueShape(flag: FlagSpec): string {
  return flag.values ? flag.values.join('|') : (flag.value ?? '<value>');
}

/** The flag as written with its value: `--platform=<os>/<arch>[/<variant>]`, `--network=none`, `--push`. */
export function flagUsage(flag: FlagSpec): string {
  const spelling = flagSpelling(flag);
  if (flag.kind === 'bool') return spelling;
  return `${spelling}${flag.name.startsWith('-') ? ' ' : '='}${valueShape(flag)}`;
}

/** A flag of `command`: its value shape, what it does, what it needs, and whether it is deprecated or obsolete. */
export function describeFlag(command: CommandSpec, flag: FlagSpec): string {
  return paragraphs([
    '```earthfile\n' + `${command.name} ${flagUsage(flag)}` + '\n```',
    flag.doc,
    KIND_TEXT[flag.kind](flagSpelling(flag), valueShape(flag)),
    flag.default !== undefined && `Default: ${code(JSON.stringify(flag.default).slice(1, -1))}.`,
    needsFeatures([flag.feature, ...(flag.alsoFeatures ?? [])]),
    flag.requiresFlags && `Only together with ${flag.requiresFlags.map((f) => code(`--${f}`)).join(' and ')}.`,
    flag.placement && PLACEMENT_TEXT[flag.placement],
    flag.deprecated && `**Deprecated**: ${flag.deprecated}`,
    flag.obsolete && `**Obsolete**: ${flag.obsolete}`,
    flag.ignored,
  ]);
}

/** A VERSION feature flag: what it changes and from which version it is on by default. */
export function describeFeature(spec: FeatureSpec): string {
  const at = defaultText(spec.defaultAt);
  return paragraphs([
    '```earthfile\n' + `VERSION --${spec.name}` + '\n```',
    spec.doc,
    at.charAt(0).toUpperCase() + at.slice(1) + '.',
    spec.requires && `Needs ${spec.requires.map((r) => code(`--${r}`)).join(' and ')} as well.`,
    spec.disables && `Switches ${code(`--${spec.disables}`)} off.`,
  ]);
}

/** The spelling of a builtin ARG under `flavor`: EarthBuild renamed `EARTHLY_*` to `EARTH_*`. */
export function builtinSpelling(spec: BuiltinArgSpec, flavor: Flavor): string {
  return flavor === 'earthbuild' ? spec.earthbuildName : spec.name;
}

/** A builtin ARG, spelled for `flavor`: the value Earthly gives it, and when it is available. */
export function describeBuiltinArg(spec: BuiltinArgSpec, flavor: Flavor): string {
  const name = builtinSpelling(spec, flavor);
  const other = flavor === 'earthbuild' ? spec.name : spec.earthbuildName;
  return paragraphs([
    '```earthfile\n' + `ARG ${name}` + '\n```',
    spec.doc,
    `Set by ${flavor === 'earthbuild' ? 'EarthBuild' : 'Earthly'}: declare it with a bare ${code(`ARG ${name}`)}; it takes no default and no override.`,
    needsFeatures([spec.feature]),
    spec.earthbuildOnly
      ? 'EarthBuild only.'
      : other !== name &&
          (flavor === 'earthbuild'
            ? `${code(other)} still works on EarthBuild, with a deprecation warning.`
            : `EarthBuild spells it ${code(other)}.`),
  ]);
}
