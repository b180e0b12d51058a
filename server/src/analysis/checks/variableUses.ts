// `$VAR` and `${VAR}` in the positions Earthly expands itself (reference §8 "Expanded by Earthly"), and
// the warning for a name that nothing declares there.
import { builtinArgsInForce } from '../../language/builtinArgs';
import { namesBroughtIn, workspaceResolver } from '../inheritedEnv';
import { LineIndex } from '../../text/lineIndex';
import type { ArgNode, CommandNode, Range } from '../../parser';
import type { FileModel, Recipe, Variable } from '../model';
import { forEachStatement } from '../statements';
import { docOffset } from '../wordOffsets';
import type { CheckContext } from './check';
import type { Flavor } from './finding';
import { lineEnding } from './textLayout';
import {
  CH_BACKSLASH,
  CH_DOLLAR,
  CH_DQUOTE,
  CH_LBRACE,
  CH_LPAREN,
  CH_RBRACE,
  CH_RPAREN,
  CH_SQUOTE,
  isNamePart,
  isNameStart,
} from '../../text/characters';

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

/** Where a use is written. */
export interface UseSite {
  readonly recipe: Recipe;
  readonly command: CommandNode;
}

/**
 * Receives each use found: the name and its document range (without `$`, `{` or a modifier), and
 * whether it is guarded (written as `${VAR:-word}` and the like, or inside such a word: an unset VAR
 * is handled there). Plain arguments rather than a use object: nothing is allocated per use.
 */
export type UseSink = (site: UseSite, name: string, start: number, end: number, guarded: boolean) => void;

/** `${VAR-w}`, `${VAR:-w}`, `${VAR+w}`, `${VAR?w}`: the character after the name says what to do when VAR is unset. */
function isGuard(c: number): boolean {
  return c === 0x2d || c === 0x2b || c === 0x3f || c === 0x3a;
}

/** The variable uses in `arg`'s text, as document ranges (shell-outs `$(…)` and single quotes skipped). */
export function usesIn(source: string, arg: ArgNode, site: UseSite, sink: UseSink): void {
  const text = arg.text;
  if (!text.includes('$')) return;
  let single = false;
  let double = false;
  // The open `${…}` groups, and the depth from which they guard an unset variable (-1: none does).
  // A group inside a guarding one guards too, so one depth says it all.
  let open = 0;
  let guardedFrom = -1;
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
    } else if (c === CH_RBRACE && open > 0) {
      if (--open <= guardedFrom) guardedFrom = -1;
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
      let guarded = guardedFrom >= 0;
      const nameEnd = end;
      if (braced) {
        if (text.charCodeAt(end) === CH_RBRACE) end++;
        else {
          guarded ||= isGuard(text.charCodeAt(end));
          if (guarded && guardedFrom < 0) guardedFrom = open;
          open++;
        }
      }
      sink(site, text.slice(start, nameEnd), docOffset(source, arg, start), docOffset(source, arg, nameEnd), guarded);
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
function usesInCommand(source: string, recipe: Recipe, command: CommandNode, sink: UseSink): void {
  const mode = EXPANDED[command.keyword.text];
  if (!mode || command.execMode) return;
  const site: UseSite = { recipe, command };
  if (mode === 'value') {
    const value = command.keyValue?.value;
    if (value) usesIn(source, value, site, sink);
    return;
  }
  for (const f of command.flags) {
    if (f.value !== undefined && f.valueRange && f.value.includes('$')) usesIn(source, { text: f.value, range: f.valueRange }, site, sink);
  }
  if (mode === 'flags') return;
  for (const arg of command.args) usesIn(source, arg, site, sink);
}

/**
 * Calls `sink` for every use of a variable in a position Earthly expands, recipe by recipe; in each
 * recipe, in source order except that a block's clause lines come before its body.
 */
function forEachUse(model: FileModel, sink: UseSink): void {
  const source = model.tree.text;
  const dollars = new DollarCursor(source);
  if (!dollars.any) return;
  forEachStatement(model, (statement, recipe) => {
    if (statement.kind === 'command') {
      if (dollars.within(statement.range)) usesInCommand(source, recipe, statement, sink);
      return;
    }
    for (const { command } of statement.clauses) {
      if (dollars.within(command.range)) usesInCommand(source, recipe, command, sink);
    }
  });
}

/**
 * Whether a range holds a `$`, for ranges asked about in (mostly) increasing order: most commands hold
 * none, and the next `$` of the text says so without a look at their words. Linear over the walk.
 */
class DollarCursor {
  /** The first `$` at or after `from` (the text length when there is none). */
  private next: number;
  private from = 0;

  constructor(private readonly source: string) {
    this.next = this.find(0);
  }

  get any(): boolean {
    return this.next < this.source.length;
  }

  within(range: Range): boolean {
    // Moving back (a clause line after the body above it) or past the `$` found: look again from here.
    if (range.start < this.from || this.next < range.start) {
      this.from = range.start;
      this.next = this.find(range.start);
    }
    return this.next < range.end;
  }

  private find(from: number): number {
    const at = this.source.indexOf('$', from);
    return at < 0 ? this.source.length : at;
  }
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
 * Answers "does a declaration of `name` reach `offset` in `recipe`?" for the uses of one recipe after
 * another, in source order. The model lists declarations in source order, so they are taken in as the
 * offsets pass them, and each name keeps the furthest end of its visible ranges: no table per recipe.
 * An offset behind the previous one (a clause line read before the body above it) restarts the recipe.
 */
class DeclarationSweep {
  private readonly ends = new Map<string, number>();
  private recipe: Recipe | undefined;
  /** The next declaration to take in, and where the current recipe's declarations may start. */
  private next = 0;
  private recipeStart = 0;
  private offset = -1;

  constructor(private readonly variables: readonly Variable[]) {}

  declares(recipe: Recipe, name: string, offset: number): boolean {
    if (recipe !== this.recipe) {
      this.recipe = recipe;
      this.recipeStart = this.next;
      this.ends.clear();
    } else if (offset < this.offset) {
      this.next = this.recipeStart;
      this.ends.clear();
    }
    this.offset = offset;
    const variables = this.variables;
    while (this.next < variables.length && variables[this.next].visible.start <= offset) {
      const v = variables[this.next++];
      // SET assigns and declares nothing.
      if (v.kind === 'SET' || v.scope.recipe !== recipe) continue;
      const end = this.ends.get(v.name);
      if (end === undefined || v.visible.end > end) this.ends.set(v.name, v.visible.end);
    }
    const end = this.ends.get(name);
    return end !== undefined && offset <= end;
  }
}

/**
 * Reports `$VAR` where no ARG, LET, FOR or global ARG declares VAR (reference §8): Earthly expands it
 * to an empty string. A warning, since the base image may still set it with ENV.
 */
export function checkUndeclaredUses(context: CheckContext): void {
  const { model, report } = context;
  const everywhere = namesEverywhere(model, context.flavor);
  const globals = new Set<string>();
  for (const v of model.variables) if (v.global) globals.add(v.name);
  const sweep = new DeclarationSweep(model.variables);
  const text = model.tree.text;
  const eol = lineEnding(text);
  let lines: LineIndex | undefined;
  // What FROM +target and DO +function bring in, asked only for a recipe with a use to report.
  const resolve = workspaceResolver(context.workspace);
  const broughtIn = new Map<Recipe, Set<string>>();
  const brings = (recipe: Recipe, name: string): boolean => {
    let names = broughtIn.get(recipe);
    if (!names) broughtIn.set(recipe, (names = namesBroughtIn({ model, recipe, path: context.path }, resolve)));
    return names.has(name);
  };
  forEachUse(model, ({ recipe, command }, name, start, end, guarded) => {
    if (guarded || everywhere.has(name)) return;
    if (recipe.kind !== 'base' && globals.has(name)) return;
    if (sweep.declares(recipe, name, start) || brings(recipe, name)) return;
    const where = recipe.kind === 'base' ? 'the base recipe' : `${recipe.kind} ${recipe.name}`;
    // The keyword starts its line, so what precedes it on the line is the indentation.
    const keyword = command.keyword.range.start;
    lines ??= new LineIndex(text);
    const lineAt = keyword - lines.positionAt(keyword).character;
    report('W-undeclared-variable', { start, end }, `${name} is not declared in ${where} (no ARG, LET, ENV or FOR before it): Earthly expands it to an empty string.`, {
      fixes: [
        {
          title: `Declare ARG ${name}`,
          edits: [{ range: { start: lineAt, end: lineAt }, newText: `${text.slice(lineAt, keyword)}ARG ${name}${eol}` }],
        },
      ],
    });
  });
}
