// Signature help after a target or function reference in BUILD, FROM, DO, and inside the `(+t --K=v)`
// groups of COPY, FROM DOCKERFILE and `WITH DOCKER --load`: the callee's ARGs as `--NAME=default`
// parameters (`--required` ones first), and the one being typed as the active parameter.

import type { FileModel, ReferenceRole, ReferenceSite, Variable } from '../analysis/model';
import { commandTypedAt } from '../analysis/lookup';
import { parseReferenceWordAt, type CommandNode, type Expect, type Range } from '../parser';
import { CH_DASH, CH_EQUALS, CH_LPAREN, CH_RPAREN, isBlank, isNewline } from '../text/characters';
import { lookupCallee, overrideDoc, overrideLabel, recipeSignature, type FeatureContext } from './recipeSignature';

export interface ParameterAnswer {
  /** The parameter's span in the signature's label. */
  readonly label: readonly [number, number];
  readonly documentation: string;
}

export interface SignatureAnswer {
  readonly label: string;
  readonly documentation: string;
  readonly parameters: readonly ParameterAnswer[];
  /** The parameter being typed; undefined when the cursor names none. */
  readonly activeParameter?: number;
}

/** Where overrides follow the reference as separate words (`BUILD +t --K=v`); elsewhere they sit inside a `( )` group. */
const WORD_OVERRIDES: ReadonlySet<ReferenceRole> = new Set(['BUILD', 'FROM', 'DO']);

function within(range: Range | undefined, offset: number): boolean {
  return range !== undefined && range.start <= offset && offset <= range.end;
}

/** How the reference of a `( )` group is read, by the command (and flag) it is written in. */
const GROUP_EXPECT: Readonly<Partial<Record<ReferenceRole, Expect>>> = {
  COPY: 'artifact',
  'FROM DOCKERFILE': 'artifact',
  'WITH DOCKER --load': 'target',
};

/**
 * While a group is typed its `)` is missing, so the model read `(+t/out --K` as one plain word (an
 * alias `(`): the reference is read again from the group's first word.
 */
function unclosedGroupSite(text: string, site: ReferenceSite, open: number): ReferenceSite {
  let end = open + 1;
  while (end < site.range.end && !isBlank(text.charCodeAt(end)) && !isNewline(text.charCodeAt(end))) end++;
  const { ref } = parseReferenceWordAt(text, open + 1, end, GROUP_EXPECT[site.role] ?? 'target');
  return ref ? { ...site, ref } : site;
}

/** The reference whose overrides the cursor is in: past its word in BUILD/FROM/DO, inside its group otherwise. */
function callSiteAt(model: FileModel, command: CommandNode, offset: number): ReferenceSite | undefined {
  const text = model.tree.text;
  let found: ReferenceSite | undefined;
  for (const site of model.references) {
    if (site.command !== command || !site.ref || site.range.start > offset) continue;
    if (WORD_OVERRIDES.has(site.role)) {
      if (offset > site.range.end) found = site;
      continue;
    }
    // A group is `(+t --K=v)`, possibly after `img=` or a quote, and still unclosed while it is being typed.
    const open = text.indexOf('(', site.range.start);
    if (open < 0 || open >= site.range.end || /\s/.test(text.slice(site.range.start, open))) continue;
    const call = text.charCodeAt(site.range.end - 1) === CH_RPAREN ? site : unclosedGroupSite(text, site, open);
    if (call.ref && offset > call.ref.end && (offset < site.range.end || call !== site)) found = call;
  }
  return found;
}

/** The key of the override being typed at `offset` (`--TA|` gives `TA`), or undefined on a blank word. */
function typedKey(model: FileModel, site: ReferenceSite, offset: number): string | undefined {
  const text = model.tree.text;
  // `--KEY value` is written as two words: after a bare `--KEY `, its value is being typed.
  const override = site.overrides.find(
    (o) => within(o.keyRange, offset) || within(o.valueRange, offset) || (o.value === undefined && o.keyRange.end <= offset && /^[ \t]*$/.test(text.slice(o.keyRange.end, offset))),
  );
  if (override) return override.key;
  let start = offset;
  while (start > 0 && !isBlank(text.charCodeAt(start - 1)) && !isNewline(text.charCodeAt(start - 1)) && text.charCodeAt(start - 1) !== CH_LPAREN) start--;
  if (start === offset || text.charCodeAt(start) !== CH_DASH) return undefined;
  let keyStart = start;
  while (keyStart < offset && text.charCodeAt(keyStart) === CH_DASH) keyStart++;
  let keyEnd = keyStart;
  while (keyEnd < offset && text.charCodeAt(keyEnd) !== CH_EQUALS) keyEnd++;
  return text.slice(keyStart, keyEnd);
}

/** The ARG being typed (by name, else by prefix), or on a blank word the first one not given yet; -1 for none. */
function activeIndex(args: readonly Variable[], key: string | undefined, given: ReadonlySet<string>): number {
  if (key === undefined) return args.findIndex((a) => !given.has(a.name));
  const exact = args.findIndex((a) => a.name === key);
  return exact >= 0 ? exact : args.findIndex((a) => a.name.startsWith(key));
}

/** The signature of the target or function whose overrides are typed at `offset`. */
export function signatureHelpAt(model: FileModel, offset: number, context: FeatureContext): SignatureAnswer | undefined {
  const command = commandTypedAt(model, offset);
  const site = command && callSiteAt(model, command, offset);
  const found = site && lookupCallee(model, site, context);
  if (!site || !found || 'note' in found) return undefined;
  const { recipe, location } = found.callee;
  const args = recipeSignature(found.callee.model, recipe).args;
  const ref = model.tree.text.slice(site.ref!.start, site.ref!.end);
  let label = ref.length > 80 ? ref.slice(0, 79) + '…' : ref;
  const parameters = args.map((arg): ParameterAnswer => {
    const start = label.length + 1;
    label += ' ' + overrideLabel(arg);
    return { label: [start, label.length], documentation: overrideDoc(arg) };
  });
  const active = activeIndex(args, typedKey(model, site, offset), new Set(site.overrides.map((o) => o.key)));
  const kind = recipe.kind === 'function' ? 'Function' : 'Target';
  const where = `${kind} \`${recipe.name}\` in ${location.file}, line ${location.line + 1}.${args.length === 0 ? ' It declares no ARGs.' : ''}`;
  const docs = recipe.docs?.trim();
  return {
    label,
    documentation: docs ? `${docs}\n\n${where}` : where,
    parameters,
    ...(active >= 0 && { activeParameter: active }),
  };
}
