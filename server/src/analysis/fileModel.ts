// Builds the semantic model of one Earthfile from its syntax tree in one pass over the statements
// (reference: shared earthfile-language.md §6 VERSION, §7 references, §8 variables).

import { featuresInForce } from '../language/features';
import {
  hasUnescapedPlus,
  type BlockNode,
  isGroup,
  parseImport,
  parseLoadAt,
  parseOverrides,
  parseReferenceWordAt,
  type ArgNode,
  type CommandNode,
  type EarthfileNode,
  type Expect,
  type FunctionNode,
  type TargetNode,
  type ParseError,
  type Part,
  type Range,
  type ReferenceWithOverrides,
  type Statement,
} from '../parser';
import { removeContinuations } from '../text/continuations';
import type {
  FileModel,
  Import,
  OverrideSite,
  Recipe,
  ReferenceRole,
  ReferenceSite,
  Scope,
  Variable,
  VariableKind,
  VersionInfo,
} from './model';
import { docOffset, docRange } from './wordOffsets';
import { removeQuotes } from './shellQuotes';

/**
 * The model of `tree`. With `previous`, the model of the version before whose tree `tree` was
 * reparsed from (see parser/reparse.ts), the declarations and references of each target or function
 * whose node is reused unmoved are taken over from it rather than collected again; `previous` is
 * spent (its references are resolved again here) and must not be read afterwards.
 */
export function buildFileModel(tree: EarthfileNode, parseErrors: readonly ParseError[] = [], previous?: FileModel): FileModel {
  const version = tree.version && versionInfo(tree.version);
  const features = featuresInForce(version?.value, version?.flags.map((f) => f.name) ?? []);
  const items = tree.items;
  const baseEnd = items.length > 0 ? items[0].range.start : tree.text.length;
  const base: Recipe = {
    kind: 'base',
    name: 'base',
    range: { start: 0, end: baseEnd },
    extent: { start: 0, end: baseEnd },
    statements: tree.baseRecipe,
  };
  const reusable = previous && recipesByNode(previous);
  const taken = new Map<Recipe, Collected>();
  const targets: Recipe[] = [];
  const functions: Recipe[] = [];
  const recipes = items.map((node, i): Recipe => {
    const end = i + 1 < items.length ? items[i + 1].range.start : tree.text.length;
    const before = reusable?.get(node);
    // A node moved in place by the reparse keeps its old extent object, which then no longer matches.
    if (previous && before && before.extent.start === node.range.start && before.extent.end === end) {
      taken.set(before, { variables: [], imports: [], references: [] });
      (node.kind === 'target' ? targets : functions).push(before);
      return before;
    }
    const recipe: Recipe = {
      kind: node.kind,
      name: node.name,
      node,
      range: node.range,
      extent: { start: node.range.start, end },
      docs: node.docs?.text,
      statements: node.recipe,
    };
    (node.kind === 'target' ? targets : functions).push(recipe);
    return recipe;
  });
  const globalScope: Scope = { kind: 'global', recipe: base, range: { start: 0, end: tree.text.length } };
  const out: Collected = { variables: [], imports: [], references: [] };
  const walker: Walker = { source: tree.text, globalScope, explicitGlobal: features.has('explicit-global'), out, conditional: false };
  walk(walker, base.statements, base, { kind: 'base', recipe: base, range: base.extent });
  if (previous && taken.size > 0) collectTaken(previous, taken);
  for (const recipe of recipes) {
    const part = taken.get(recipe);
    if (!part) {
      walk(walker, recipe.statements, recipe, { kind: recipe.kind, recipe, range: recipe.extent });
      continue;
    }
    for (const v of part.variables) out.variables.push(v);
    for (const imp of part.imports) out.imports.push(imp);
    for (const site of part.references) out.references.push(site);
  }
  const targetsByName = firstByName(targets);
  const functionsByName = firstByName(functions);
  for (const site of out.references) resolveSite(site, targetsByName, functionsByName, out.imports);
  return {
    tree,
    parseErrors,
    ...(version && { version }),
    features,
    base,
    targets,
    functions,
    recipes,
    targetsByName,
    functionsByName,
    variables: out.variables,
    imports: out.imports,
    references: out.references,
    derived: {},
  };
}

interface Collected {
  variables: Variable[];
  imports: Import[];
  references: MutableSite[];
}

/** The targets and functions of `model` by their syntax node. */
function recipesByNode(model: FileModel): Map<TargetNode | FunctionNode, Recipe> {
  const map = new Map<TargetNode | FunctionNode, Recipe>();
  for (const r of model.recipes) if (r.node) map.set(r.node, r);
  return map;
}

/** Fills the lists of each recipe in `taken` with what `model` collected in it. */
function collectTaken(model: FileModel, taken: ReadonlyMap<Recipe, Collected>): void {
  for (const v of model.variables) taken.get(v.scope.recipe)?.variables.push(v);
  for (const imp of model.imports) taken.get(imp.recipe)?.imports.push(imp);
  for (const site of model.references) taken.get(site.recipe)?.references.push(site as MutableSite);
}

interface Walker {
  readonly source: string;
  /** Where global ARGs are declared: the base recipe, seen from the whole file. */
  readonly globalScope: Scope;
  readonly explicitGlobal: boolean;
  readonly out: Collected;
  /** The statements walked now sit in a clause other than WAIT's, at any depth. */
  conditional: boolean;
}

function versionInfo(command: CommandNode): VersionInfo {
  const flags: { name: string; range: Range }[] = [];
  let value: ArgNode | undefined;
  for (const arg of command.rawArgs) {
    if (arg.text.startsWith('--')) flags.push({ name: arg.text.slice(2), range: arg.range });
    else value ??= arg;
  }
  return { ...(value && { value: value.text, valueRange: value.range }), flags, command };
}

function firstByName(recipes: readonly Recipe[]): Map<string, Recipe> {
  const map = new Map<string, Recipe>();
  for (const r of recipes) if (!map.has(r.name)) map.set(r.name, r);
  return map;
}

/** A statement list being walked, or a block whose clauses are being walked, with the scope around it. */
type WalkFrame =
  | { readonly kind: 'list'; readonly statements: readonly Statement[]; next: number; readonly scope: Scope; readonly conditional: boolean }
  | { readonly kind: 'block'; readonly block: BlockNode; next: number; readonly scope: Scope; readonly conditional: boolean };

/** Visits the statements in source order: each clause's command, then its body. Iterative, so deep nesting cannot overflow the stack. */
function walk(w: Walker, statements: readonly Statement[], recipe: Recipe, scope: Scope): void {
  const initial = w.conditional;
  const stack: WalkFrame[] = [{ kind: 'list', statements, next: 0, scope, conditional: initial }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    w.conditional = top.conditional;
    if (top.kind === 'list') {
      if (top.next >= top.statements.length) {
        stack.pop();
        continue;
      }
      const st = top.statements[top.next++];
      if (st.kind === 'command') visitCommand(w, st, recipe, top.scope);
      else stack.push({ kind: 'block', block: st, next: 0, scope: top.scope, conditional: top.conditional });
      continue;
    }
    const st = top.block;
    if (top.next >= st.clauses.length) {
      stack.pop();
      continue;
    }
    const i = top.next++;
    const clause = st.clauses[i];
    visitCommand(w, clause.command, recipe, top.scope);
    const inner: Scope = { kind: 'block', recipe, range: clause.range, block: st, parent: top.scope };
    if (st.kind === 'for' && i === 0) declareLoopVariable(w, clause.command, inner, st.range);
    stack.push({ kind: 'list', statements: clause.body, next: 0, scope: inner, conditional: top.conditional || st.kind !== 'wait' });
  }
  w.conditional = initial;
}

type CommandHandler = (w: Walker, command: CommandNode, recipe: Recipe, scope: Scope) => void;

/** What each command contributes to the model; commands not listed contribute nothing. */
const COMMAND_HANDLERS: Readonly<Record<string, CommandHandler>> = {
  ARG: declaration('ARG'),
  LET: declaration('LET'),
  SET: declaration('SET'),
  ENV: declaration('ENV'),
  IMPORT: importCommand,
  // The words after the reference are its overrides: passed as the arguments and the index of the first.
  FROM: (w, c, r) => {
    // `FROM alpine` names an image; only a word with a `+` (or a group) is a target reference.
    const first = c.args[0];
    if (first && isReferenceWord(first.text)) w.out.references.push(referenceSite(w, 'FROM', c, r, first, 'target', c.args, 1));
  },
  BUILD: (w, c, r) => {
    const first = c.args[0];
    if (first) w.out.references.push(referenceSite(w, 'BUILD', c, r, first, 'target', c.args, 1));
  },
  DO: (w, c, r) => {
    const first = c.args[0];
    if (first) w.out.references.push(referenceSite(w, 'DO', c, r, first, 'function', c.args, 1));
  },
  COPY: (w, c, r) => {
    const args = mergeGroups(w.source, c.args);
    // Every word but the destination is a source (a lone word is still checked).
    const sources = args.length >= 2 ? args.length - 1 : args.length;
    for (let i = 0; i < sources; i++) {
      if (isReferenceWord(args[i].text)) w.out.references.push(referenceSite(w, 'COPY', c, r, args[i], 'artifact', NO_WORDS, 0));
    }
  },
  'FROM DOCKERFILE': (w, c, r) => {
    const context = mergeGroups(w.source, c.args)[0];
    if (context && isReferenceWord(context.text)) {
      w.out.references.push(referenceSite(w, 'FROM DOCKERFILE', c, r, context, 'artifact', NO_WORDS, 0));
    }
    for (const flag of c.flags) {
      const value = flagValue(flag);
      if (flag.name === '-f' && value && isReferenceWord(value.text)) {
        w.out.references.push(referenceSite(w, 'FROM DOCKERFILE -f', c, r, value, 'artifact', NO_WORDS, 0));
      }
    }
  },
  'WITH DOCKER': (w, c, r) => {
    // Read the raw words: a `--load (+t --K=v)` group spans several of them.
    const words = mergeGroups(w.source, c.rawArgs);
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      let value: ArgNode | undefined;
      if (word.text === LOAD_FLAG) value = words[++i];
      else if (word.text.startsWith(LOAD_FLAG + '=')) value = suffixOf(w.source, word, LOAD_FLAG.length + 1);
      if (value) w.out.references.push(loadSite(w, c, r, value));
    }
  },
};

const LOAD_FLAG = '--load';

const NO_WORDS: readonly ArgNode[] = [];

// A Map: keyword texts are slices of the source, and a Map looks them up without interning them.
const HANDLER_BY_KEYWORD = new Map(Object.entries(COMMAND_HANDLERS));

function visitCommand(w: Walker, command: CommandNode, recipe: Recipe, scope: Scope): void {
  HANDLER_BY_KEYWORD.get(command.keyword.text)?.(w, command, recipe, scope);
}

/**
 * Joins the words of each `(ref --K=v …)` group into one word. Earthly lexes a group as one atom, but
 * our parser splits it at whitespace like any other words.
 */
function mergeGroups(source: string, words: readonly ArgNode[]): readonly ArgNode[] {
  let any = false;
  for (const word of words) any ||= opensGroup(word.text);
  if (!any) return words;
  const out: ArgNode[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!opensGroup(words[i].text)) {
      out.push(words[i]);
      continue;
    }
    let j = i;
    while (j + 1 < words.length && !words[j].text.includes(')')) j++;
    const range = { start: words[i].range.start, end: words[j].range.end };
    out.push({ text: removeContinuations(source.slice(range.start, range.end)), range });
    i = j;
  }
  return out;
}

/** A `(` that starts a group (at the start, after a quote or after `img=`) and is not closed in the same word. */
function opensGroup(text: string): boolean {
  const p = text.indexOf('(');
  if (p < 0 || text.indexOf(')', p) >= 0) return false;
  const before = text.charCodeAt(p - 1);
  return p === 0 || before === 0x3d || before === 0x22;
}

/** The part of `word` from character `from` on, as a word of its own. */
function suffixOf(source: string, word: ArgNode, from: number): ArgNode {
  return { text: word.text.slice(from), range: { start: docOffset(source, word, from), end: word.range.end } };
}

function flagValue(flag: CommandNode['flags'][number]): ArgNode | undefined {
  return flag.value !== undefined && flag.valueRange ? { text: flag.value, range: flag.valueRange } : undefined;
}

// --------------------------------------------------------------------------------------------
// Variables

function declaration(kind: VariableKind): CommandHandler {
  return (w, command, recipe, scope) => {
    const args = command.args;
    const key = args[0];
    if (!key) return;
    const second = args[1];
    const third = args[2];
    // `ENV K V` is stored as `[K, =, V]`, but accept `[K, V]` too.
    const value = second?.text === '=' ? third : second;
    const global = kind === 'ARG' && recipe.kind === 'base' && (!w.explicitGlobal || hasFlag(command, 'global'));
    w.out.variables.push({
      kind,
      name: key.text,
      nameRange: key.range,
      value: value?.text,
      valueRange: value?.range,
      command,
      scope: global ? w.globalScope : scope,
      global,
      required: kind === 'ARG' && hasFlag(command, 'required'),
      visible: { start: command.range.end, end: recipe.extent.end },
    });
  };
}

function hasFlag(command: CommandNode, name: string): boolean {
  for (const f of command.flags) if (f.name === name) return true;
  return false;
}

function declareLoopVariable(w: Walker, command: CommandNode, scope: Scope, block: Range): void {
  const name = command.args[0];
  if (!name) return;
  w.out.variables.push({
    kind: 'FOR',
    name: name.text,
    nameRange: name.range,
    value: undefined,
    valueRange: undefined,
    command,
    scope,
    global: false,
    required: false,
    visible: { start: command.range.end, end: block.end },
  });
}

// --------------------------------------------------------------------------------------------
// IMPORT

function importCommand(w: Walker, command: CommandNode, recipe: Recipe): void {
  const [path, as, aliasWord] = command.args;
  if (!path) return;
  const explicit = as?.text === 'AS' ? aliasWord : undefined;
  const parsed = parseImport(path.text, explicit?.text);
  const global = recipe.kind === 'base';
  const wrongShape = command.args.length !== 1 && !(command.args.length === 3 && as?.text === 'AS');
  const error = wrongShape ? 'IMPORT takes <earthfile-ref> [AS <alias>]' : parsed.error;
  w.out.imports.push({
    command,
    recipe,
    path,
    earthfile: parsed.earthfile,
    alias: parsed.alias,
    aliasRange: (explicit ?? path).range,
    global,
    visible: { start: command.range.end, end: global ? w.source.length : recipe.extent.end },
    error,
  });
}

// --------------------------------------------------------------------------------------------
// References

/** True when an argument word can only be a reference: it holds a `+` or is a `(…)` group. */
export function isReferenceWord(text: string): boolean {
  return isGroup(text) || hasUnescapedPlus(text);
}

/**
 * Runs a span parser over a word so that every offset it returns is a document offset. Earthly
 * removes the quotes of a word before it parses a reference (`"+""a"` is `+a`), and a continuation
 * inside the word is not part of its text. A word whose text is verbatim source, or that only has
 * quotes around it, is parsed in place; otherwise its text is parsed and the offsets mapped back.
 */
function parseWord<T>(source: string, word: ArgNode, parseAt: (text: string, from: number, to: number) => T): T {
  const { start, end } = word.range;
  const text = word.text;
  const verbatim = end - start === text.length;
  // `"(+t --K=v)"` is a group, which the reference parser reads with its quotes.
  const unquoted = isGroup(text) ? undefined : removeQuotes(text);
  if (!unquoted) return verbatim ? parseAt(source, start, end) : remapOffsets(parseAt(text, 0, text.length), (o) => docOffset(source, word, o));
  const inner = unquoted.text;
  if (verbatim && inner.length === text.length - 2 && unquoted.offsets[0] === 1 && source.startsWith(inner, start + 1)) {
    return parseAt(source, start + 1, end - 1);
  }
  return remapOffsets(parseAt(inner, 0, inner.length), (o) => docOffset(source, word, unquoted.offsets[o]));
}

/** A copy of `value` with every numeric `start` and `end` property passed through `map`. */
function remapOffsets<T>(value: T, map: (offset: number) => number): T {
  if (Array.isArray(value)) return value.map((v: unknown) => remapOffsets(v, map)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = (k === 'start' || k === 'end') && typeof v === 'number' ? map(v) : remapOffsets(v, map);
  }
  return out as T;
}

type SpanParser = (text: string, from: number, to: number) => ReferenceWithOverrides;

/** A reference parser for each kind of name expected, made once rather than as a closure per word. */
const REFERENCE_PARSERS: Readonly<Record<Expect, SpanParser>> = {
  target: (text, from, to) => parseReferenceWordAt(text, from, to, 'target'),
  function: (text, from, to) => parseReferenceWordAt(text, from, to, 'function'),
  artifact: (text, from, to) => parseReferenceWordAt(text, from, to, 'artifact'),
  any: (text, from, to) => parseReferenceWordAt(text, from, to, 'any'),
};

function referenceSite(
  w: Walker,
  role: ReferenceRole,
  command: CommandNode,
  recipe: Recipe,
  word: ArgNode,
  expect: Expect,
  words: readonly ArgNode[],
  overridesFrom: number,
): MutableSite {
  const parsed = parseWord(w.source, word, REFERENCE_PARSERS[expect]);
  return siteFrom(w, role, command, recipe, word, parsed, words, overridesFrom);
}

function loadSite(w: Walker, command: CommandNode, recipe: Recipe, value: ArgNode): MutableSite {
  const parsed = parseWord(w.source, value, parseLoadAt);
  const site = siteFrom(w, 'WITH DOCKER --load', command, recipe, value, parsed, NO_WORDS, 0);
  site.imageRange = parsed.image;
  return site;
}

function siteFrom(
  w: Walker,
  role: ReferenceRole,
  command: CommandNode,
  recipe: Recipe,
  word: ArgNode,
  parsed: ReferenceWithOverrides,
  words: readonly ArgNode[],
  overridesFrom: number,
): MutableSite {
  let overrides: readonly OverrideSite[];
  let error = parsed.error;
  if (parsed.grouped || words.length <= overridesFrom) {
    overrides = parsed.overrides.length === 0 ? NO_OVERRIDES : parsed.overrides.map((o) => ({ key: o.key.text, keyRange: o.key, value: o.value?.text, valueRange: o.value }));
  } else {
    const extra = parseOverrides(words.map((a) => ({ text: a.text, start: a.range.start })), overridesFrom);
    overrides = extra.overrides.map((o) => ({
      key: o.key.text,
      keyRange: inWord(w.source, words[o.keyWord], o.key),
      value: o.value?.text,
      valueRange: o.value && inWord(w.source, words[o.valueWord], o.value),
    }));
    error ??= extra.error?.message;
  }
  const ref = parsed.ref;
  const ef = ref?.earthfile;
  // Every site has the same keys, set or undefined, so the objects share one shape.
  return {
    role,
    command,
    recipe,
    range: word.range,
    ref,
    nameRange: ref?.name,
    earthfileRange: ef?.kind === 'path' ? ef.path : ef?.kind === 'remote' ? ef.whole : ef?.kind === 'import' ? ef.alias : undefined,
    artifactRange: ref?.artifact,
    imageRange: undefined,
    overrides,
    error,
    import: undefined,
    definition: undefined,
    conditional: w.conditional,
  };
}

const NO_OVERRIDES: readonly OverrideSite[] = [];

type MutableSite = { -readonly [K in keyof ReferenceSite]: ReferenceSite[K] };

/** The document range of a part parsed from `word` at `word.range.start`-based offsets. */
function inWord(source: string, word: ArgNode, part: Part): Range {
  const { start, end } = word.range;
  if (end - start === word.text.length) return part;
  return docRange(source, word, part.start - start, part.end - start);
}

/** Links same-file references to their definition and alias references to the IMPORT in force. */
function resolveSite(
  site: MutableSite,
  targets: ReadonlyMap<string, Recipe>,
  functions: ReadonlyMap<string, Recipe>,
  imports: readonly Import[],
): void {
  const ref = site.ref;
  if (!ref || ref.dynamic) return;
  if (ref.earthfile.kind === 'same') {
    site.definition = (ref.nameKind === 'function' ? functions : targets).get(ref.name.text)?.node;
  } else if (ref.earthfile.kind === 'import') {
    site.import = importInForce(imports, ref.earthfile.alias.text, site.recipe, site.range.start);
  }
}

/** Target-local IMPORTs win over the base recipe's global ones (INT import tracker). */
function importInForce(imports: readonly Import[], alias: string, recipe: Recipe, offset: number): Import | undefined {
  let local: Import | undefined;
  let global: Import | undefined;
  for (const imp of imports) {
    if (imp.alias !== alias || imp.error !== undefined) continue;
    if (imp.recipe === recipe && imp.visible.start <= offset && offset <= imp.visible.end) {
      if (!imp.global) local = imp;
      else global = imp;
    } else if (imp.global && recipe.kind !== 'base') {
      global = imp;
    }
  }
  return local ?? global;
}
