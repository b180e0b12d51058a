// Options of a command (reference §4, go-flags rules of FU): unknown flags, values of the wrong kind,
// obsolete and deprecated flags, flags that need another flag, and flags allowed in one place only.
import { COMMANDS, flagOf, flagSpelling, type FlagSpec } from '../../../language/commands';
import type { CommandNode, FlagNode } from '../../../parser';
import type { RuleSpec } from '../check';
import { closest } from '../closest';
import { removeWord } from './edits';
import { unquote } from '../../shellQuotes';
import { hasFlag, type CommandSite } from './site';
import type { Edit, Fix } from '../finding';
import { indentationAt, lineEnding } from '../textLayout';

export const FLAG_RULES: Readonly<Record<string, RuleSpec>> = {
  'E-unknown-flag': { severity: 'error', summary: 'A flag the command does not have (e.g. `COPY --push`).' },
  'E-bool-flag-value': { severity: 'error', summary: 'A boolean flag given a value other than true or false.' },
  'E-flag-missing-value': { severity: 'error', summary: 'A flag that takes a value written last, with nothing after it.' },
  'E-invalid-flag-value': { severity: 'error', summary: 'A flag value outside the accepted set (`RUN --network`, `CACHE --sharing`).' },
  'E-obsolete-flag': { severity: 'error', summary: 'A flag Earthly rejects (`RUN --with-docker`, `COPY --from`).' },
  'W-deprecated-flag': { severity: 'warning', summary: 'A deprecated flag (`--build-arg` on FROM, COPY, BUILD and WITH DOCKER).' },
  'W-flag-requires': { severity: 'warning', summary: 'A flag that has no effect without another one (`--oidc` without `--aws`).' },
  'E-flag-placement': { severity: 'error', summary: 'A flag used outside the place it belongs (`ARG --global` outside the base recipe).' },
};

/** strconv.ParseBool, which go-flags uses for `--flag=value` on a bool flag. */
const BOOL_VALUES = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

/** For "unknown flag" messages: which commands do have a flag of that spelling. */
const OWNERS = new Map<string, string[]>();
for (const c of COMMANDS) {
  if (c.name === 'VERSION') continue;
  for (const f of c.flags) OWNERS.set(f.name, [...(OWNERS.get(f.name) ?? []), c.name]);
}

/** The replacement of an obsolete flag, where there is one. */
const OBSOLETE_FIXES: Readonly<Record<string, (site: CommandSite, flag: FlagNode) => Fix>> = {
  'RUN with-docker': ({ context, command }, flag) => {
    const text = context.model.tree.text;
    const eol = lineEnding(text);
    const indent = indentationAt(text, command.range.start);
    const removal = removeFlag(command, flag);
    const run = text.slice(command.range.start, removal.range.start) + text.slice(removal.range.end, command.range.end);
    return {
      title: 'Wrap the RUN in WITH DOCKER … END',
      edits: [{ range: command.range, newText: `WITH DOCKER${eol}${indent}    ${run}${eol}${indent}END` }],
      preferred: true,
    };
  },
};

export function checkFlags(site: CommandSite): void {
  const { command, spec } = site;
  if (spec.literalArgs) return;
  for (const flag of outsideGroups(command.flags)) {
    const flagSpec = flagOf(spec, flag.name);
    if (!flagSpec) unknownFlag(site, flag);
    else if (flagSpec.obsolete) obsoleteFlag(site, flag, flagSpec.obsolete);
    else checkKnownFlag(site, flag, flagSpec);
  }
}

/**
 * The flags, without the words of a `( … )` group in a flag value (`--load=(+t --K=v)`): Earthly lexes
 * a group as one word, but the parser splits it at blanks, so `--K=v)` would look like a flag.
 */
function outsideGroups(flags: readonly FlagNode[]): readonly FlagNode[] {
  if (!opensGroup(flags)) return flags;
  const out: FlagNode[] = [];
  let inGroup = false;
  for (const flag of flags) {
    if (inGroup) {
      inGroup = !(flag.value ?? flag.name).includes(')');
      continue;
    }
    out.push(flag);
    const value = flag.value ?? '';
    inGroup = value.includes('(') && !value.includes(')');
  }
  return out;
}

/** Whether a flag value holds a `(` (a loop, not `some`: this runs for every command). */
function opensGroup(flags: readonly FlagNode[]): boolean {
  for (const f of flags) if (f.value?.includes('(')) return true;
  return false;
}

function obsoleteFlag(site: CommandSite, flag: FlagNode, message: string): void {
  const fix = OBSOLETE_FIXES[`${site.spec.name} ${flag.name}`]?.(site, flag);
  site.context.report('E-obsolete-flag', flag.range, message, fix ? { fixes: [fix] } : {});
}

function unknownFlag(site: CommandSite, flag: FlagNode): void {
  const { command, spec } = site;
  const written = flag.name.startsWith('-') ? flag.name : `--${flag.name}`;
  const suggestion = closest(flag.name, spec.flags.filter((f) => !f.obsolete).map((f) => f.name));
  const owners = OWNERS.get(flag.name)?.filter((o) => o !== spec.name);
  const elsewhere = owners?.length ? ` (${written} belongs to ${owners.join(', ')})` : '';
  const hint = suggestion ? `; did you mean ${spelling(suggestion)}?` : '';
  const fixes: Fix[] = suggestion
    ? [{ title: `Change to ${spelling(suggestion)}`, edits: [{ range: flag.nameRange, newText: spelling(suggestion) }], preferred: true }]
    : [{ title: `Remove ${written}`, edits: [removeFlag(command, flag)] }];
  site.context.report('E-unknown-flag', flag.nameRange, `unknown flag ${written} for ${spec.name}${elsewhere}${hint}`, { fixes });
}

function checkKnownFlag(site: CommandSite, flag: FlagNode, flagSpec: FlagSpec): void {
  const { context, command, spec, state } = site;
  const value = flag.value === undefined ? undefined : unquote(flag.value);
  // A value with `$` is expanded at build time, so it cannot be judged here.
  const literal = value !== undefined && !value.includes('$');
  if (flagSpec.kind === 'bool' && literal && value !== '' && !BOOL_VALUES.has(value)) {
    context.report(
      'E-bool-flag-value',
      flag.valueRange ?? flag.range,
      `invalid argument for flag ${flagSpelling(flagSpec)} (expected bool): ${JSON.stringify(value)}; write ${flagSpelling(flagSpec)}, ${flagSpelling(flagSpec)}=true or ${flagSpelling(flagSpec)}=false.`,
      { fixes: [{ title: `Write ${flagSpelling(flagSpec)} without a value`, edits: [{ range: { start: flag.nameRange.end, end: flag.range.end }, newText: '' }], preferred: true }] },
    );
  }
  if (flagSpec.kind !== 'bool' && flag.value === undefined) {
    context.report('E-flag-missing-value', flag.nameRange, `expected argument for flag ${flagSpelling(flagSpec)} of ${spec.name}.`);
  }
  if (flagSpec.values && literal && !flagSpec.values.includes(value)) {
    const accepted = flagSpec.values.map((v) => JSON.stringify(v)).join(', ');
    context.report('E-invalid-flag-value', flag.valueRange ?? flag.range, `invalid ${spec.name} ${flagSpelling(flagSpec)} value ${JSON.stringify(value)}: expected ${accepted}.`, {
      fixes: flagSpec.values.map((v) => ({ title: `Change to ${v}`, edits: [{ range: flag.valueRange ?? flag.range, newText: v }] })),
    });
  }
  if (flagSpec.deprecated) deprecatedFlag(site, flag, flagSpec.deprecated);
  for (const other of flagSpec.requiresFlags ?? []) {
    if (!hasFlag(command, other)) {
      context.report('W-flag-requires', flag.nameRange, `${spec.name} ${flagSpelling(flagSpec)} has no effect without ${spelling(other)}.`);
    }
  }
  if (flagSpec.placement === 'baseRecipe' && state.recipe.kind !== 'base') {
    // `ARG --global` is the only flag with a placement.
    context.report('E-flag-placement', flag.nameRange, `${spec.name} ${flagSpelling(flagSpec)} can only be used in the base recipe, before the first target ("global ARG can only be set in the base target").`, {
      fixes: [{ title: `Remove ${flagSpelling(flagSpec)}`, edits: [removeFlag(command, flag)], preferred: true }],
    });
  }
}

/** `--build-arg K=v` becomes the override `--K=v` after the reference (PN), where the command has one place for it. */
function deprecatedFlag(site: CommandSite, flag: FlagNode, message: string): void {
  const { command, spec } = site;
  const fix = overrideFix(command, flag);
  site.context.report('W-deprecated-flag', flag.range, `${spec.name} ${spelling(flag.name)} is deprecated. ${message}`, {
    tag: 'deprecated',
    ...(fix && { fixes: [fix] }),
  });
}

function overrideFix(command: CommandNode, flag: FlagNode): Fix | undefined {
  const value = flag.value;
  if (!value || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) return undefined;
  const override = `--${value}`;
  const title = `Rename --build-arg ${value} to the override ${override}`;
  const [first, second] = command.args;
  if (!first) return undefined;
  const removal = removeFlag(command, flag);
  if (command.keyword.text === 'FROM' || command.keyword.text === 'BUILD') {
    const last = command.args[command.args.length - 1];
    return { title, edits: [removal, { range: { start: last.range.end, end: last.range.end }, newText: ` ${override}` }], preferred: true };
  }
  // COPY: a single artifact source takes overrides in parentheses, `(+t/out --K=v)`.
  if (command.keyword.text === 'COPY' && command.args.length === 2 && second && first.text.includes('+') && !first.text.startsWith('(')) {
    return { title, edits: [removal, { range: first.range, newText: `(${first.text} ${override})` }], preferred: true };
  }
  return undefined;
}

/** Removes a flag (and its value) with the blanks after it. */
export function removeFlag(command: CommandNode, flag: FlagNode): Edit {
  const words = command.rawArgs.map((a) => a.range);
  const first = words.findIndex((w) => w.start === flag.range.start);
  const last = words.findIndex((w) => w.end === flag.range.end);
  if (first < 0 || last < first) return { range: flag.range, newText: '' };
  // The flag and its separate value word (`--secret id`) go as one word.
  return removeWord([...words.slice(0, first), flag.range, ...words.slice(last + 1)], first);
}

function spelling(name: string): string {
  return name.startsWith('-') ? name : `--${name}`;
}
