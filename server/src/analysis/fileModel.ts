// Builds the semantic model of one Earthfile from its syntax tree in one pass over the statements
// (reference: shared earthfile-language.md §6 VERSION, §7 references, §8 variables).

import { featuresInForce } from '../language/features';
import {
  hasUnescapedPlus,
  isGroup,
  parseImport,
  parseLoad,
  parseOverrides,
  parseReferenceWord,
  type Expect,
  type Part,
  type ReferenceWithOverrides,
} from '../parser/references';
import type { ArgNode, CommandNode, EarthfileNode, ParseError, Range, Statement } from '../parser/syntax';
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
import { docRange } from './wordOffsets';

export function buildFileModel(tree: EarthfileNode, parseErrors: readonly ParseError[] = []): FileModel {
  const version = tree.version && versionInfo(tree.version);
  const features = featuresInForce(version?.value, version?.flags.map((f) => f.name) ?? []);
  const firstItem = tree.items[0];
  const base: Recipe = {
    kind: 'base',
    name: 'base',
    range: { start: 0, end: firstItem ? firstItem.range.start : tree.text.length },
    statements: tree.baseRecipe,
  };
  const targets: Recipe[] = [];
  const functions: Recipe[] = [];
  for (const node of tree.items) {
    const recipe: Recipe = {
      kind: node.kind,
      name: node.name,
      node,
      range: node.range,
      ...(node.docs && { docs: node.docs.text }),
      statements: node.recipe,
    };
    (node.kind === 'target' ? targets : functions).push(recipe);
  }
  const out: Collected = { variables: [], imports: [], references: [] };
  const walker = { source: tree.text, explicitGlobal: features.has('explicit-global'), out };
  for (const recipe of [base, ...targets, ...functions]) {
    const scope: Scope = { kind: recipe.kind, recipe, range: recipe.range };
    walk(walker, recipe.statements, recipe, scope);
  }
  const targetsByName = firstByName(targets);
  const functionsByName = firstByName(functions);
  const references = out.references.map((site) => resolveSite(site, targetsByName, functionsByName, out.imports));
  return {
    tree,
    parseErrors,
    ...(version && { version }),
    features,
    base,
    targets,
    functions,
    targetsByName,
    functionsByName,
    variables: out.variables,
    imports: out.imports,
    references,
  };
}

interface Collected {
  variables: Variable[];
  imports: Import[];
  references: ReferenceSite[];
}

interface Walker {
  readonly source: string;
  readonly explicitGlobal: boolean;
  readonly out: Collected;
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

function walk(w: Walker, statements: readonly Statement[], recipe: Recipe, scope: Scope): void {
  for (const st of statements) {
    if (st.kind === 'command') {
      visitCommand(w, st, recipe, scope);
      continue;
    }
    st.clauses.forEach((clause, i) => {
      visitCommand(w, clause.command, recipe, scope);
      const inner: Scope = { kind: 'block', recipe, range: clause.range, block: st, parent: scope };
      if (st.kind === 'for' && i === 0) declareLoopVariable(w, clause.command, inner, st.range);
      walk(w, clause.body, recipe, inner);
    });
  }
}

type CommandHandler = (w: Walker, command: CommandNode, recipe: Recipe, scope: Scope) => void;

/** What each command contributes to the model; commands not listed contribute nothing. */
const COMMAND_HANDLERS: Readonly<Record<string, CommandHandler>> = {
  ARG: declaration('ARG'),
  LET: declaration('LET'),
  SET: declaration('SET'),
  ENV: declaration('ENV'),
  IMPORT: importCommand,
  FROM: (w, c, r) => {
    // `FROM alpine` names an image; only a word with a `+` (or a group) is a target reference.
    const [first, ...rest] = c.args;
    if (first && isReferenceWord(first.text)) w.out.references.push(referenceSite(w, 'FROM', c, r, first, 'target', rest));
  },
  BUILD: (w, c, r) => {
    const [first, ...rest] = c.args;
    if (first) w.out.references.push(referenceSite(w, 'BUILD', c, r, first, 'target', rest));
  },
  DO: (w, c, r) => {
    const [first, ...rest] = c.args;
    if (first) w.out.references.push(referenceSite(w, 'DO', c, r, first, 'function', rest));
  },
  COPY: (w, c, r) => {
    const sources = c.args.length >= 2 ? c.args.slice(0, -1) : c.args;
    for (const src of sources) {
      if (isReferenceWord(src.text)) w.out.references.push(referenceSite(w, 'COPY', c, r, src, 'artifact', []));
    }
  },
  'FROM DOCKERFILE': (w, c, r) => {
    const context = c.args[0];
    if (context && isReferenceWord(context.text)) {
      w.out.references.push(referenceSite(w, 'FROM DOCKERFILE', c, r, context, 'artifact', []));
    }
    for (const flag of c.flags) {
      const value = flagValue(flag);
      if (flag.name === '-f' && value && isReferenceWord(value.text)) {
        w.out.references.push(referenceSite(w, 'FROM DOCKERFILE -f', c, r, value, 'artifact', []));
      }
    }
  },
  'WITH DOCKER': (w, c, r) => {
    for (const flag of c.flags) {
      const value = flagValue(flag);
      if (flag.name === 'load' && value) w.out.references.push(loadSite(w, c, r, value));
    }
  },
};

function visitCommand(w: Walker, command: CommandNode, recipe: Recipe, scope: Scope): void {
  COMMAND_HANDLERS[command.keyword.text]?.(w, command, recipe, scope);
}

function flagValue(flag: CommandNode['flags'][number]): ArgNode | undefined {
  return flag.value !== undefined && flag.valueRange ? { text: flag.value, range: flag.valueRange } : undefined;
}

// --------------------------------------------------------------------------------------------
// Variables

function declaration(kind: VariableKind): CommandHandler {
  return (w, command, recipe, scope) => {
    const [key, second, third] = command.args;
    if (!key) return;
    // `ENV K V` is stored as `[K, =, V]`, but accept `[K, V]` too.
    const value = second?.text === '=' ? third : second;
    const hasFlag = (name: string) => command.flags.some((f) => f.name === name);
    const global = kind === 'ARG' && recipe.kind === 'base' && (!w.explicitGlobal || hasFlag('global'));
    const declaredIn: Scope = global ? { kind: 'global', recipe, range: { start: 0, end: w.source.length }, parent: scope } : scope;
    w.out.variables.push({
      kind,
      name: key.text,
      nameRange: key.range,
      ...(value && { value: value.text, valueRange: value.range }),
      command,
      scope: declaredIn,
      global,
      required: kind === 'ARG' && hasFlag('required'),
      visible: { start: command.range.end, end: recipe.range.end },
    });
  };
}

function declareLoopVariable(w: Walker, command: CommandNode, scope: Scope, block: Range): void {
  const name = command.args[0];
  if (!name) return;
  w.out.variables.push({
    kind: 'FOR',
    name: name.text,
    nameRange: name.range,
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
    ...(parsed.earthfile && { earthfile: parsed.earthfile }),
    ...(parsed.alias !== undefined && { alias: parsed.alias }),
    aliasRange: (explicit ?? path).range,
    global,
    visible: { start: command.range.end, end: global ? w.source.length : recipe.range.end },
    ...(error !== undefined && { error }),
  });
}

// --------------------------------------------------------------------------------------------
// References

function isReferenceWord(text: string): boolean {
  return isGroup(text) || hasUnescapedPlus(text);
}

/** A reference word with its surrounding quotes removed (Earthly expands them away before parsing). */
function unquoted(text: string): { text: string; shift: number } {
  const q = text.charCodeAt(0);
  if ((q === 0x22 || q === 0x27) && text.length >= 2 && text.charCodeAt(text.length - 1) === q && !isGroup(text)) {
    return { text: text.slice(1, -1), shift: 1 };
  }
  return { text, shift: 0 };
}

function referenceSite(
  w: Walker,
  role: ReferenceRole,
  command: CommandNode,
  recipe: Recipe,
  word: ArgNode,
  expect: Expect,
  overrideWords: readonly ArgNode[],
): ReferenceSite {
  const { text, shift } = unquoted(word.text);
  return siteFrom(w, role, command, recipe, word, shift, parseReferenceWord(text, expect), overrideWords);
}

function loadSite(w: Walker, command: CommandNode, recipe: Recipe, value: ArgNode): ReferenceSite {
  const { text, shift } = unquoted(value.text);
  const parsed = parseLoad(text);
  const site = siteFrom(w, 'WITH DOCKER --load', command, recipe, value, shift, parsed, []);
  return parsed.image ? { ...site, imageRange: mapPart(w.source, value, shift, parsed.image) } : site;
}

function siteFrom(
  w: Walker,
  role: ReferenceRole,
  command: CommandNode,
  recipe: Recipe,
  word: ArgNode,
  shift: number,
  parsed: ReferenceWithOverrides,
  overrideWords: readonly ArgNode[],
): ReferenceSite {
  const map = (part: Part) => mapPart(w.source, word, shift, part);
  let overrides: OverrideSite[];
  let error = parsed.error;
  if (parsed.grouped || overrideWords.length === 0) {
    overrides = parsed.overrides.map((o) => overrideSite(o.key, o.value, map, map));
  } else {
    const extra = parseOverrides(overrideWords.map((a) => ({ text: a.text, start: 0 })));
    overrides = extra.overrides.map((o) =>
      overrideSite(
        o.key,
        o.value,
        (p) => mapPart(w.source, overrideWords[o.keyWord], 0, p),
        (p) => mapPart(w.source, overrideWords[o.valueWord], 0, p),
      ),
    );
    error ??= extra.error?.message;
  }
  const ref = parsed.ref;
  const ef = ref?.earthfile;
  const earthfilePart =
    ef?.kind === 'path' ? ef.path : ef?.kind === 'remote' ? ef.whole : ef?.kind === 'import' ? ef.alias : undefined;
  return {
    role,
    command,
    recipe,
    range: word.range,
    ...(ref && { ref, nameRange: map(ref.name) }),
    ...(earthfilePart && { earthfileRange: map(earthfilePart) }),
    ...(ref?.artifact && { artifactRange: map(ref.artifact) }),
    overrides,
    ...(error !== undefined && { error }),
  };
}

function overrideSite(
  key: Part,
  value: Part | undefined,
  mapKey: (p: Part) => Range,
  mapValue: (p: Part) => Range,
): OverrideSite {
  return {
    key: key.text,
    keyRange: mapKey(key),
    ...(value && { value: value.text, valueRange: mapValue(value) }),
  };
}

function mapPart(source: string, word: ArgNode, shift: number, part: Part): Range {
  return docRange(source, word, part.start + shift, part.end + shift);
}

/** Links same-file references to their definition and alias references to the IMPORT in force. */
function resolveSite(
  site: ReferenceSite,
  targets: ReadonlyMap<string, Recipe>,
  functions: ReadonlyMap<string, Recipe>,
  imports: readonly Import[],
): ReferenceSite {
  const ref = site.ref;
  if (!ref || ref.dynamic) return site;
  if (ref.earthfile.kind === 'same') {
    const def = (ref.nameKind === 'function' ? functions : targets).get(ref.name.text)?.node;
    return def ? { ...site, definition: def } : site;
  }
  if (ref.earthfile.kind === 'import') {
    const imp = importInForce(imports, ref.earthfile.alias.text, site.recipe, site.range.start);
    return imp ? { ...site, import: imp } : site;
  }
  return site;
}

/** Target-local IMPORTs win over the base recipe's global ones (INT import tracker). */
export function importInForce(imports: readonly Import[], alias: string, recipe: Recipe, offset: number): Import | undefined {
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
