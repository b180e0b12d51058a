// `$VAR` and `${VAR}` in the positions Earthly expands itself (reference §8 "Expanded by Earthly"), and
// the warning for a name that nothing declares there.
import { builtinArgsInForce } from '../../language/builtinArgs';
import { LineIndex } from '../../parser/lineIndex';
import type { ArgNode, CommandNode, Range } from '../../parser/syntax';
import type { FileModel, Recipe } from '../model';
import { forEachStatement } from '../statements';
import { docOffset } from '../wordOffsets';
import type { CheckContext } from './check';
import type { Flavor } from './finding';
import { lineEnding } from './textLayout';
import { CH_BACKSLASH, CH_DOLLAR, CH_DQUOTE, CH_LBRACE, CH_LPAREN, CH_RBRACE, CH_RPAREN, CH_SQUOTE } from '../../parser/scan';

/**
 * Which words of a command Earthly expands: `all` positional arguments and flag values, only the
 * `flags` (RUN, IF and FOR hand their command text to the shell, which expands it with the ARGs
 * exported), the key/value `value`, or the arguments of the `shell` form only (the exec form of CMD
 * and ENTRYPOINT is passed on unexpanded). Commands not listed (VERSION, PROJECT, ...) expand nothing.
 */
type Expanded = 'all' | 'flags' | 'value' | 'shell';

const EXPANDED: Readonly<Record<string, Expanded>> = {
  ARG: 'value',
  LET: 'value',
  SET: 'value',
  ENV: 'value',
  RUN: 'flags',
  IF: 'flags',
  'ELSE IF': 'flags',
  FOR: 'flags',
  CMD: 'shell',
  ENTRYPOINT: 'shell',
  FROM: 'all',
  'FROM DOCKERFILE': 'all',
  COPY: 'all',
  BUILD: 'all',
  DO: 'all',
  IMPORT: 'all',
  'SAVE ARTIFACT': 'all',
  'SAVE IMAGE': 'all',
  WORKDIR: 'all',
  USER: 'all',
  EXPOSE: 'all',
  VOLUME: 'all',
  LABEL: 'all',
  HEALTHCHECK: 'all',
  'GIT CLONE': 'all',
  HOST: 'all',
  CACHE: 'all',
  'WITH DOCKER': 'all',
};

/**
 * Variables that common base images set with ENV. FROM brings an image's ENV into scope, which this
 * file cannot see, so these names are never reported as undeclared.
 */
const IMAGE_ENV_NAMES: ReadonlySet<string> = new Set([
  'PATH', 'HOME', 'HOSTNAME', 'USER', 'PWD', 'SHELL', 'TERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'TZ',
  'GOPATH', 'GOROOT', 'GOLANG_VERSION', 'GOTOOLCHAIN', 'CARGO_HOME', 'RUSTUP_HOME', 'RUST_VERSION',
  'JAVA_HOME', 'JAVA_VERSION', 'NODE_VERSION', 'YARN_VERSION', 'PYTHON_VERSION', 'PYTHONPATH',
  'VIRTUAL_ENV', 'RUBY_VERSION', 'GEM_HOME', 'BUNDLE_PATH', 'DOTNET_VERSION', 'MAVEN_HOME', 'GRADLE_HOME',
]);

export interface VariableUse {
  readonly name: string;
  /** The name, without `$`, `{` or a modifier. */
  readonly range: Range;
  /** Written as `${VAR:-word}` and the like, or inside such a word: an unset VAR is handled. */
  readonly guarded: boolean;
  readonly command: CommandNode;
}


/** `${VAR-w}`, `${VAR:-w}`, `${VAR+w}`, `${VAR?w}`: the character after the name says what to do when VAR is unset. */
function isGuard(c: number): boolean {
  return c === 0x2d || c === 0x2b || c === 0x3f || c === 0x3a;
}

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

/** The variable uses in `arg`'s text, as document ranges. */
function usesIn(source: string, arg: ArgNode, command: CommandNode, out: VariableUse[]): void {
  const text = arg.text;
  if (!text.includes('$')) return;
  let single = false;
  let double = false;
  // One entry per open `${…}` group: whether it guards an unset variable.
  const guards: boolean[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (single) {
      if (c === CH_SQUOTE) single = false;
      continue;
    }
    if (c === CH_BACKSLASH) {
      i++;
    } else if (c === CH_SQUOTE && !double) {
      single = true;
    } else if (c === CH_DQUOTE) {
      double = !double;
    } else if (c === CH_RBRACE && guards.length > 0) {
      guards.pop();
    } else if (c === CH_DOLLAR) {
      const next = text.charCodeAt(i + 1);
      if (next === CH_LPAREN) {
        i = shellOutEnd(text, i + 1);
        continue;
      }
      const braced = next === CH_LBRACE;
      const start = braced ? i + 2 : i + 1;
      if (!isNameStart(text.charCodeAt(start))) continue;
      let end = start + 1;
      while (end < text.length && isNamePart(text.charCodeAt(end))) end++;
      let guarded = guards.includes(true);
      const nameEnd = end;
      if (braced) {
        if (text.charCodeAt(end) === CH_RBRACE) end++;
        else {
          guarded ||= isGuard(text.charCodeAt(end));
          guards.push(guarded);
        }
      }
      out.push({
        name: text.slice(start, nameEnd),
        range: { start: docOffset(source, arg, start), end: docOffset(source, arg, nameEnd) },
        guarded,
        command,
      });
      i = end - 1;
    }
  }
}

/** The index of the `)` closing the `(` at `open`, skipping quotes and nested parentheses. */
function shellOutEnd(text: string, open: number): number {
  let depth = 0;
  let quote = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === CH_BACKSLASH && quote === CH_DQUOTE) i++;
      else if (c === quote) quote = 0;
    } else if (c === CH_BACKSLASH) i++;
    else if (c === CH_DQUOTE || c === CH_SQUOTE) quote = c;
    else if (c === CH_LPAREN) depth++;
    else if (c === CH_RPAREN && --depth === 0) return i;
  }
  return text.length;
}

/** The uses in the words of `command` that Earthly expands. */
function usesInCommand(source: string, command: CommandNode, out: VariableUse[]): void {
  const mode = EXPANDED[command.keyword.text];
  if (!mode || command.execMode) return;
  if (mode === 'value') {
    const value = command.keyValue?.value;
    if (value) usesIn(source, value, command, out);
    return;
  }
  for (const f of command.flags) {
    if (f.value !== undefined && f.valueRange && f.value.includes('$')) usesIn(source, { text: f.value, range: f.valueRange }, command, out);
  }
  if (mode === 'flags') return;
  for (const arg of command.args) usesIn(source, arg, command, out);
}

/** Every use of a variable in a position Earthly expands, by recipe, in source order. */
export function variableUses(model: FileModel): Map<Recipe, VariableUse[]> {
  const byRecipe = new Map<Recipe, VariableUse[]>();
  const source = model.tree.text;
  // Most commands hold no `$`: find them all once, then skip those commands without a look at their words.
  const dollars: number[] = [];
  for (let i = source.indexOf('$'); i >= 0; i = source.indexOf('$', i + 1)) dollars.push(i);
  if (dollars.length === 0) return byRecipe;
  forEachStatement(model, (statement, recipe) => {
    if (statement.kind === 'command') {
      if (hasDollar(dollars, statement.range)) usesInCommand(source, statement, usesOf(byRecipe, recipe));
      return;
    }
    for (const { command } of statement.clauses) {
      if (hasDollar(dollars, command.range)) usesInCommand(source, command, usesOf(byRecipe, recipe));
    }
  });
  return byRecipe;
}

/** Whether the sorted offsets `dollars` hold one inside `range` (binary search). */
function hasDollar(dollars: readonly number[], range: Range): boolean {
  let lo = 0;
  let hi = dollars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dollars[mid] < range.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < dollars.length && dollars[lo] < range.end;
}

function usesOf(byRecipe: Map<Recipe, VariableUse[]>, recipe: Recipe): VariableUse[] {
  let uses = byRecipe.get(recipe);
  if (!uses) byRecipe.set(recipe, (uses = []));
  return uses;
}

/** Per feature set (models of the same VERSION line share one) and flavour: image ENVs and builtins in force. */
const predefinedNames = new WeakMap<ReadonlySet<string>, Partial<Record<Flavor, ReadonlySet<string>>>>();

function predefined(features: ReadonlySet<string>, flavor: Flavor): ReadonlySet<string> {
  let byFlavor = predefinedNames.get(features);
  if (!byFlavor) predefinedNames.set(features, (byFlavor = {}));
  let names = byFlavor[flavor];
  if (!names) {
    const set = new Set(IMAGE_ENV_NAMES);
    for (const b of builtinArgsInForce(features)) {
      if (flavor === 'earthbuild') set.add(b.earthbuildName);
      if (!b.earthbuildOnly) set.add(b.name);
    }
    byFlavor[flavor] = names = set;
  }
  return names;
}

/** Names usable anywhere in the file, whatever the recipe: image and file ENVs, builtins in force. */
function namesEverywhere(model: FileModel, flavor: Flavor): ReadonlySet<string> {
  const names = predefined(model.features, flavor);
  const envs = model.variables.filter((v) => v.kind === 'ENV');
  if (envs.length === 0) return names;
  const all = new Set(names);
  for (const v of envs) all.add(v.name);
  return all;
}

/**
 * Reports `$VAR` where no ARG, LET, FOR or global ARG declares VAR (reference §8): Earthly expands it
 * to an empty string. A warning, since the base image may still set it with ENV.
 */
export function checkUndeclaredUses(context: CheckContext, uses: ReadonlyMap<Recipe, readonly VariableUse[]>): void {
  const { model, report } = context;
  const everywhere = namesEverywhere(model, context.flavor);
  const globals = new Set(model.variables.filter((v) => v.global).map((v) => v.name));
  const declared = new Map<Recipe, Map<string, Range[]>>();
  for (const v of model.variables) {
    if (v.kind === 'SET') continue;
    let names = declared.get(v.scope.recipe);
    if (!names) declared.set(v.scope.recipe, (names = new Map()));
    const ranges = names.get(v.name);
    if (ranges) ranges.push(v.visible);
    else names.set(v.name, [v.visible]);
  }
  const text = model.tree.text;
  const eol = lineEnding(text);
  let lines: LineIndex | undefined;
  for (const [recipe, recipeUses] of uses) {
    const names = declared.get(recipe);
    for (const use of recipeUses) {
      if (use.guarded || everywhere.has(use.name)) continue;
      if (recipe.kind !== 'base' && globals.has(use.name)) continue;
      const at = use.range.start;
      if (names?.get(use.name)?.some((r) => r.start <= at && at <= r.end)) continue;
      const where = recipe.kind === 'base' ? 'the base recipe' : `${recipe.kind} ${recipe.name}`;
      // The keyword starts its line, so what precedes it on the line is the indentation.
      const keyword = use.command.keyword.range.start;
      lines ??= new LineIndex(text);
      const lineAt = keyword - lines.positionAt(keyword).character;
      report('W-undeclared-variable', use.range, `${use.name} is not declared in ${where} (no ARG, LET, ENV or FOR before it): Earthly expands it to an empty string.`, {
        fixes: [
          {
            title: `Declare ARG ${use.name}`,
            edits: [{ range: { start: lineAt, end: lineAt }, newText: `${text.slice(lineAt, keyword)}ARG ${use.name}${eol}` }],
          },
        ],
      });
    }
  }
}
