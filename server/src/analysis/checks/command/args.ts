// Positional arguments of a command (reference §4, INT argument checks): how many, and the shapes
// some commands require. Key/value commands (ARG, ENV, LET, SET) are shaped by the parser already.
import { isIP } from 'node:net';
import { flagOf, type ArgSyntax } from '../../../language/commands';
import { RESERVED_LABEL_PREFIX } from '../../../language/names';
import type { ArgNode, Range } from '../../../parser';
import type { RuleSpec } from '../check';
import { removeFlag } from './flags';
import { unquote } from '../../shellQuotes';
import { hasFlag, positional, savesLocally, type CommandSite } from './site';
import type { Fix } from '../finding';

export const ARGUMENT_RULES: Readonly<Record<string, RuleSpec>> = {
  'E-argument-count': { severity: 'error', summary: 'Too few or too many arguments (COPY needs 2, GIT CLONE and HOST exactly 2, USER and WORKDIR 1, ...).' },
  'E-from-as': { severity: 'error', summary: '`FROM <image> AS <name>`: Earthly has no build stages; use targets.' },
  'E-save-artifact-form': { severity: 'error', summary: 'SAVE ARTIFACT arguments not of the form `<src> [<dest>] [AS LOCAL <path>]`.' },
  'E-import-form': { severity: 'error', summary: 'IMPORT arguments not of the form `<earthfile-ref> [AS <alias>]`.' },
  'E-invalid-arguments': { severity: 'error', summary: 'Arguments of the wrong shape: `FOR <var> IN …`, `HEALTHCHECK NONE | CMD …`, `PROJECT <org>/<project>`.' },
  'E-invalid-host-ip': { severity: 'error', summary: 'A HOST address that is not an IP address.' },
  'E-reserved-label': { severity: 'error', summary: 'A LABEL key under `dev.earthly.`, which Earthly reserves.' },
  'E-required-arg-default': { severity: 'error', summary: '`ARG --required` with a default value.' },
  'E-unsupported-command': { severity: 'error', summary: 'A Dockerfile command Earthly does not support (ADD, SHELL, ONBUILD, STOPSIGNAL).' },
};

type ShapeCheck = (site: CommandSite, args: readonly ArgNode[]) => void;

/** The shape rules of the commands' `syntax` tags; tags not listed are covered by counting or by the parser. */
const SHAPES: Partial<Record<ArgSyntax, ShapeCheck>> = {
  fromRef: fromAs,
  saveArtifact,
  importAs,
  forIn,
  healthcheck,
  hostIp,
  labelPairs: reservedLabels,
};

/** Commands whose shape has no `syntax` tag in the table. */
const NAMED_SHAPES: Readonly<Record<string, ShapeCheck>> = { PROJECT: project, ARG: requiredDefault };

export function checkArguments(site: CommandSite): void {
  const { context, command, spec } = site;
  if (spec.unsupported) {
    const copy: Fix = { title: 'Replace ADD with COPY', edits: [{ range: command.keyword.range, newText: 'COPY' }] };
    context.report('E-unsupported-command', command.keyword.range, `command ${spec.name} not (yet) supported in Earthfiles.`, spec.name === 'ADD' ? { fixes: [copy] } : {});
    return;
  }
  if (site.parseError) return;
  const args = positional(site);
  if (spec.args !== 'keyValue' && flagsSettled(site)) count(site, args);
  const shape = (spec.syntax && SHAPES[spec.syntax]) ?? NAMED_SHAPES[spec.name];
  shape?.(site, args);
}

/**
 * False after an unknown flag, or a flag missing its value: the words are not where go-flags would put
 * them. (A loop rather than `every`, whose closure would be allocated for every command.)
 */
function flagsSettled({ command, spec }: CommandSite): boolean {
  if (spec.literalArgs) return true;
  for (const f of command.flags) if (f.value === undefined && flagOf(spec, f.name)?.kind !== 'bool') return false;
  return true;
}

function count(site: CommandSite, args: readonly ArgNode[]): void {
  const { command, spec } = site;
  const { arity } = spec;
  const min = arity.minWithFlag && hasFlag(command, arity.minWithFlag.flag) ? arity.minWithFlag.min : arity.min;
  // A group counts as one word, so grouping words can only bring a count of one or more down to one:
  // with a minimum of at most one, a count in range stays in range and the words need no scan.
  if (min <= 1 && inRange(args.length, min, arity.max)) return;
  const n = hasGroup(args) ? countWords(args) : args.length;
  if (inRange(n, min, arity.max)) return;
  const expected = arity.max === undefined ? `at least ${min}` : arity.max === min ? `${min}` : `${min} to ${arity.max}`;
  if (n < min) {
    const flag = arity.minWithFlag && min !== arity.min ? ` with --${arity.minWithFlag.flag}` : '';
    site.context.report('E-argument-count', command.keyword.range, `not enough arguments for ${spec.name}${flag}: expected ${expected}, got ${n}. Usage: ${spec.synopsis}`);
  } else if (arity.max !== undefined && n > arity.max) {
    const words: Range[] = [];
    countWords(args, words);
    const extra = { start: words[arity.max].start, end: words[n - 1].end };
    const message = arity.max === 0 ? `${spec.name} takes no arguments` : `too many arguments for ${spec.name}: expected ${expected}, got ${n}`;
    site.context.report('E-argument-count', extra, `${message}. Usage: ${spec.synopsis}`);
  }
}

function inRange(n: number, min: number, max: number | undefined): boolean {
  return n >= min && (max === undefined || n <= max);
}

/** Whether a word opens a `( … )` group (a loop and `charCodeAt`: this runs for every word of every command). */
function hasGroup(args: readonly ArgNode[]): boolean {
  for (const a of args) if (a.text.charCodeAt(0) === 0x28 /* ( */) return true;
  return false;
}

/**
 * The number of words with each `( … )` group counted once, as Earthly lexes it (one atom); their
 * spans go to `spans` when given (only a finding needs them).
 */
function countWords(args: readonly ArgNode[], spans?: Range[]): number {
  let n = 0;
  let openStart = -1;
  for (const a of args) {
    if (openStart >= 0) {
      if (!a.text.includes(')')) continue;
      spans?.push({ start: openStart, end: a.range.end });
      n++;
      openStart = -1;
    } else if (a.text.startsWith('(') && !a.text.includes(')')) {
      openStart = a.range.start;
    } else {
      spans?.push(a.range);
      n++;
    }
  }
  if (openStart >= 0) {
    spans?.push({ start: openStart, end: args[args.length - 1].range.end });
    n++;
  }
  return n;
}

function span(args: readonly ArgNode[], from: number): Range {
  return { start: args[from].range.start, end: args[args.length - 1].range.end };
}

function fromAs(site: CommandSite, args: readonly ArgNode[]): void {
  if (site.command.keyword.text !== 'FROM' || args.length !== 3 || args[1].text !== 'AS') return;
  site.context.report('E-from-as', span(args, 1), `AS not supported, use earthly targets instead: FROM ${args[0].text} AS ${args[2].text} names a build stage, which Earthfiles do not have.`, {
    fixes: [{ title: `Remove "AS ${args[2].text}"`, edits: [{ range: { start: args[0].range.end, end: args[2].range.end }, newText: '' }], preferred: true }],
  });
}

/** INT `parseSaveArtifactArgs`: 1, 2, 4 or 5 words, the 4- and 5-word forms ending in `AS LOCAL <path>`. */
function saveArtifact(site: CommandSite, args: readonly ArgNode[]): void {
  const n = args.length;
  if (n > 5 || n < 3) return;
  if (savesLocally(args)) return;
  const asLocal = n === 3 && args[1].text === 'AS' && args[2].text === 'LOCAL';
  const message = asLocal
    ? 'invalid arguments for SAVE ARTIFACT: AS LOCAL needs the local path to write to'
    : 'invalid arguments for SAVE ARTIFACT: expected <src> [<artifact-dest>] [AS LOCAL <local-path>]';
  site.context.report('E-save-artifact-form', span(args, 1), `${message}.`);
}

function importAs(site: CommandSite, args: readonly ArgNode[]): void {
  const n = args.length;
  if (n === 1 || n > 3 || (n === 3 && args[1].text === 'AS')) return;
  const fix: Fix = { title: 'Change to AS', edits: [{ range: args[1].range, newText: 'AS' }], preferred: true };
  const message = n === 2 && args[1].text === 'AS' ? 'IMPORT ... AS needs an alias' : 'invalid arguments for IMPORT: expected <earthfile-ref> [AS <alias>]';
  site.context.report('E-import-form', span(args, 1), `${message}.`, n === 3 && args[1].text.toUpperCase() === 'AS' ? { fixes: [fix] } : {});
}

function forIn(site: CommandSite, args: readonly ArgNode[]): void {
  if (args.length < 3 || args[1].text === 'IN') return;
  const fix: Fix = { title: 'Change to IN', edits: [{ range: args[1].range, newText: 'IN' }], preferred: true };
  site.context.report('E-invalid-arguments', args[1].range, `expected IN, got ${args[1].text}: FOR <variable> IN <expression>.`, args[1].text.toUpperCase() === 'IN' ? { fixes: [fix] } : {});
}

function healthcheck(site: CommandSite, args: readonly ArgNode[]): void {
  const [first] = args;
  if (!first) return;
  let message: string | undefined;
  if (first.text === 'NONE') message = args.length > 1 ? 'HEALTHCHECK NONE takes no further arguments' : undefined;
  else if (first.text === 'CMD') message = args.length === 1 ? 'HEALTHCHECK CMD needs a command' : undefined;
  else if (first.text.startsWith('[')) message = 'exec form not yet supported for HEALTHCHECK CMD: write the command in shell form';
  else message = 'invalid arguments for HEALTHCHECK: expected NONE or CMD <command>';
  if (message) site.context.report('E-invalid-arguments', args.length > 1 && first.text === 'NONE' ? span(args, 1) : first.range, `${message}.`);
}

function project(site: CommandSite, args: readonly ArgNode[]): void {
  const [value] = args;
  if (!value || value.text.split('/').length === 2) return;
  site.context.report('E-invalid-arguments', value.range, 'unexpected format for PROJECT statement, should be: <organization>/<project>.');
}

function hostIp(site: CommandSite, args: readonly ArgNode[]): void {
  const ip = args[1];
  if (args.length !== 2 || ip.text.includes('$')) return;
  const text = unquote(ip.text);
  // Go's net.ParseIP accepts no IPv6 zone (`%eth0`); Node's isIP does.
  if (isIP(text) === 0 || text.includes('%')) {
    site.context.report('E-invalid-host-ip', ip.range, `invalid HOST ip ${text}: expected an IPv4 or IPv6 address.`);
  }
}

/** LABEL words come as `key = value` triples (the parser reports broken pairs). */
function reservedLabels(site: CommandSite, args: readonly ArgNode[]): void {
  for (let i = 0; i < args.length; i += 3) {
    const key = unquote(args[i].text);
    if (key.startsWith(RESERVED_LABEL_PREFIX)) {
      site.context.report('E-reserved-label', args[i].range, `LABEL keys starting with "${RESERVED_LABEL_PREFIX}" are reserved: ${key} is set by Earthly.`);
    }
  }
}

function requiredDefault(site: CommandSite): void {
  const { command } = site;
  const kv = command.keyValue;
  const required = command.flags.find((f) => f.name === 'required');
  if (!kv?.equals || !required) return;
  const range = { start: kv.equals.start, end: kv.value?.range.end ?? kv.equals.end };
  site.context.report('E-required-arg-default', range, `required ARG cannot have a default value: ARG --required ${kv.key.text} must be given by the caller.`, {
    fixes: [
      { title: 'Remove the default value', edits: [{ range: { start: kv.key.range.end, end: range.end }, newText: '' }], preferred: true },
      { title: 'Remove --required', edits: [removeFlag(command, required)] },
    ],
  });
}
