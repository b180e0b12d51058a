// `$VAR` and `${VAR}` in the positions Earthly expands itself (reference §8 "Expanded by Earthly"), and
// the warning for a name that nothing declares there.
import { builtinArgsInForce } from '../../language/builtinArgs';
import { LineIndex } from '../../parser/lineIndex';
import type { ArgNode, CommandNode, Range } from '../../parser/syntax';
import type { FileModel, Recipe } from '../model';
import { statementsOf } from '../statements';
import { docOffset } from '../wordOffsets';
import type { CheckContext } from './check';
import type { Flavor } from './finding';
import { lineEnding } from './textLayout';

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

/** `${VAR-w}`, `${VAR:-w}`, `${VAR+w}`, ... say what to do when VAR is unset. */
const GUARDS = new Set(['-', '+', '?', ':']);

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
    const c = text[i];
    if (single) {
      if (c === "'") single = false;
      continue;
    }
    if (c === '\\') {
      i++;
    } else if (c === "'" && !double) {
      single = true;
    } else if (c === '"') {
      double = !double;
    } else if (c === '}' && guards.length > 0) {
      guards.pop();
    } else if (c === '$') {
      const next = text[i + 1];
      if (next === '(') {
        i = shellOutEnd(text, i + 1);
        continue;
      }
      const braced = next === '{';
      const start = braced ? i + 2 : i + 1;
      if (!isNameStart(text.charCodeAt(start))) continue;
      let end = start + 1;
      while (end < text.length && isNamePart(text.charCodeAt(end))) end++;
      let guarded = guards.includes(true);
      const nameEnd = end;
      if (braced) {
        if (text[end] === '}') end++;
        else {
          guarded ||= GUARDS.has(text[end]);
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
  let quote = '';
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '\\') i++;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return text.length;
}

function expandedWords(command: CommandNode): ArgNode[] {
  const mode = EXPANDED[command.keyword.text];
  if (!mode || command.execMode) return [];
  const flagValues = command.flags.flatMap((f) =>
    f.value !== undefined && f.valueRange ? [{ text: f.value, range: f.valueRange }] : [],
  );
  switch (mode) {
    case 'value':
      return command.keyValue?.value ? [command.keyValue.value] : [];
    case 'flags':
      return flagValues;
    case 'shell':
    case 'all':
      return [...flagValues, ...command.args];
  }
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

/** Every use of a variable in a position Earthly expands, by recipe, in source order. */
export function variableUses(model: FileModel): Map<Recipe, VariableUse[]> {
  const byRecipe = new Map<Recipe, VariableUse[]>();
  const source = model.tree.text;
  // Most commands hold no `$`: find them all once, then skip those commands without a look at their words.
  const dollars: number[] = [];
  for (let i = source.indexOf('$'); i >= 0; i = source.indexOf('$', i + 1)) dollars.push(i);
  if (dollars.length === 0) return byRecipe;
  for (const { statement, recipe } of statementsOf(model)) {
    const commands = statement.kind === 'command' ? [statement] : statement.clauses.map((c) => c.command);
    for (const command of commands) {
      if (!hasDollar(dollars, command.range)) continue;
      let uses = byRecipe.get(recipe);
      if (!uses) byRecipe.set(recipe, (uses = []));
      for (const word of expandedWords(command)) usesIn(source, word, command, uses);
    }
  }
  return byRecipe;
}

/** Names usable anywhere in the file, whatever the recipe: image and file ENVs, builtins in force. */
function namesEverywhere(model: FileModel, flavor: Flavor): Set<string> {
  const names = new Set(IMAGE_ENV_NAMES);
  for (const v of model.variables) if (v.kind === 'ENV') names.add(v.name);
  for (const b of builtinArgsInForce(model.features)) {
    if (flavor === 'earthbuild') names.add(b.earthbuildName);
    if (!b.earthbuildOnly) names.add(b.name);
  }
  return names;
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
