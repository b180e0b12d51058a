// Semantic tokens: what each word of an Earthfile is (a command, a flag, a target, a function, the
// Earthfile part of a reference, an ARG, another variable, a string, a comment), read from the model,
// so that themes colour what the TextMate grammar cannot tell apart: an ARG from a LET, a builtin, a
// target from a function, a declaration from a use. One walk over the command lines and one over the
// lines of the text: linear in the size of the file. Deltas are computed by diffing the previous answer.
import type { SemanticTokensEdit, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { Flavor } from '../../../shared/src/settings';
import { usesIn, type UseSink, type UseSite } from '../analysis/checks/variableUses';
import type { FileModel, Import, Recipe, ReferenceSite, Variable, VariableKind } from '../analysis/model';
import { forEachCommand } from '../analysis/statements';
import { builtinArg, isEarthlySpelling } from '../language/builtinArgs';
import { commandByName, flagOf, isDeprecatedCommand } from '../language/commands';
import type { CommandNode, Range } from '../parser';
import { CH_BACKSLASH, CH_DOLLAR, CH_DQUOTE, CH_HASH, CH_SQUOTE, isBlank, lineEnd, skipBlanks } from '../text/characters';
import type { LineIndex, Position } from '../text/lineIndex';

/** Standard LSP token types only, so every theme has a colour for them (package.json maps them to the grammar's scopes). */
export const TOKEN_TYPES = ['keyword', 'property', 'function', 'macro', 'namespace', 'parameter', 'variable', 'string', 'comment', 'number'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'deprecated', 'readonly', 'defaultLibrary', 'documentation'] as const;

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const TYPE = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Readonly<Record<TokenType, number>>;
const MOD = Object.fromEntries(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i])) as Readonly<Record<TokenModifier, number>>;

/** What each kind of variable is: ARGs are the parameters of a target or function, the rest its variables. */
const VARIABLE_TYPE: Readonly<Record<VariableKind, number>> = {
  ARG: TYPE.parameter,
  LET: TYPE.variable,
  SET: TYPE.variable,
  ENV: TYPE.variable,
  FOR: TYPE.variable,
};

/** Words that are keywords among the arguments of a command, from the argument index given on. */
const ARGUMENT_KEYWORDS: ReadonlyMap<string, { readonly from: number; readonly words: ReadonlySet<string> }> = new Map([
  ['IMPORT', { from: 1, words: new Set(['AS']) }],
  ['SAVE ARTIFACT', { from: 1, words: new Set(['AS', 'LOCAL']) }],
  ['FOR', { from: 1, words: new Set(['IN']) }],
  ['HEALTHCHECK', { from: 0, words: new Set(['NONE', 'CMD']) }],
]);

/**
 * Tokens as the LSP encodes them: five integers each (line, character, length, type index, modifier
 * bits), line and character relative to the token before. Typed arrays until the answer is sent: a
 * plain array of more than about 16,000 numbers is a large object for V8, many times slower to make,
 * and a delta never needs the whole answer as one.
 */
export type EncodedTokens = Readonly<Uint32Array>;

/** The tokens of the whole file, in source order, one line each; made once per model and flavor (deprecations differ by flavor). */
export function semanticTokensOf(model: FileModel, lines: LineIndex, flavor: Flavor): EncodedTokens {
  const byFlavor = (model.derived.tokens ??= {});
  return (byFlavor[flavor] ??= computeTokens(model, lines, flavor));
}

/** `semanticTokensOf` made afresh, without the cache (the benchmark times it). */
export function computeTokens(model: FileModel, lines: LineIndex, flavor: Flavor): EncodedTokens {
  const docs: Range[] = [];
  for (const recipe of model.recipes) if (recipe.node?.docs) docs.push(recipe.node.docs.range);
  return new TokenWalk(model, flavor, new PositionedTokens(model.tree.text, lines, docs)).run();
}

/** The tokens that overlap `range`, encoded again from the first of them. */
export function tokensInRange(tokens: EncodedTokens, range: { readonly start: Position; readonly end: Position }): EncodedTokens {
  const data = new Uint32Array(tokens.length);
  let n = 0;
  let line = 0;
  let character = 0;
  // The position of the token read, and of the last one kept.
  let l = 0;
  let c = 0;
  for (let i = 0; i < tokens.length; i += 5) {
    c = tokens[i] === 0 ? c + tokens[i + 1] : tokens[i + 1];
    l += tokens[i];
    if (compare(l, c + tokens[i + 2], range.start) <= 0 || compare(l, c, range.end) >= 0) continue;
    data[n] = l - line;
    data[n + 1] = l === line ? c - character : c;
    data[n + 2] = tokens[i + 2];
    data[n + 3] = tokens[i + 3];
    data[n + 4] = tokens[i + 4];
    n += 5;
    line = l;
    character = c;
  }
  return data.subarray(0, n);
}

/** The numbers of an encoding as the plain array an LSP answer holds (a loop into a sized array: the fastest way). */
export function tokenData(tokens: ArrayLike<number>): number[] {
  const data = new Array<number>(tokens.length);
  for (let i = 0; i < tokens.length; i++) data[i] = tokens[i];
  return data;
}

/** The one edit that turns `previous` into `next`: what lies between their common start and common end. */
export function tokenEdits(previous: EncodedTokens, next: EncodedTokens): SemanticTokensEdit[] {
  const shorter = Math.min(previous.length, next.length);
  let start = 0;
  while (start < shorter && previous[start] === next[start]) start++;
  let end = 0;
  while (end < shorter - start && previous[previous.length - 1 - end] === next[next.length - 1 - end]) end++;
  if (start === previous.length && start === next.length) return [];
  return [{ start, deleteCount: previous.length - start - end, data: tokenData(next.subarray(start, next.length - end)) }];
}

/** Negative, zero or positive as (line, character) comes before, at or after `position`. */
function compare(line: number, character: number, position: Position): number {
  return line !== position.line ? line - position.line : character - position.character;
}

/**
 * The tokens of the command lines and headers, in source order. Each line's tokens are gathered as
 * offsets, four integers each (start, end, type, modifiers), and sorted before they are written, so
 * strings can be cut around the variables and references inside them.
 */
class TokenWalk {
  /** The current command's tokens, and its quoted words (strings give way to what is inside them). */
  private readonly pending: number[] = [];
  private readonly strings: number[] = [];
  private readonly source: string;
  private readonly sites: InSourceOrder<ReferenceSite>;
  private readonly imports: InSourceOrder<Import>;
  private readonly declared: InSourceOrder<Variable>;
  /** The references of the current command. */
  private readonly commandSites: ReferenceSite[] = [];
  /** Per recipe, the kind each declared name has there; the file's global ARGs apart. */
  private readonly kinds = new Map<Recipe, Map<string, VariableKind>>();
  private readonly globals = new Set<string>();
  /** The next target or function whose header is still to be emitted. */
  private nextHeader = 0;
  private recipe: Recipe;
  private readonly onUse: UseSink = (site, name, start, end) => this.variable(site.recipe, name, start, end);

  constructor(
    private readonly model: FileModel,
    private readonly flavor: Flavor,
    private readonly out: PositionedTokens,
  ) {
    this.source = model.tree.text;
    this.recipe = model.base;
    this.sites = new InSourceOrder(model.references);
    this.imports = new InSourceOrder(model.imports);
    this.declared = new InSourceOrder(model.variables);
    for (const v of model.variables) {
      // SET assigns and declares nothing.
      if (v.kind === 'SET') continue;
      if (v.global) {
        this.globals.add(v.name);
        continue;
      }
      let names = this.kinds.get(v.scope.recipe);
      if (!names) this.kinds.set(v.scope.recipe, (names = new Map()));
      if (!names.has(v.name)) names.set(v.name, v.kind);
    }
  }

  run(): EncodedTokens {
    const version = this.model.tree.version;
    if (version) this.versionLine(version);
    forEachCommand(this.model, (command, recipe) => {
      this.headersBefore(command.range.start);
      this.recipe = recipe;
      this.command(command);
    });
    this.headersBefore(Infinity);
    return this.out.finish();
  }

  private headersBefore(offset: number): void {
    const recipes = this.model.recipes;
    while (this.nextHeader < recipes.length && recipes[this.nextHeader].range.start < offset) {
      const node = recipes[this.nextHeader++].node!;
      this.add(node.nameRange.start, node.nameRange.end, node.kind === 'target' ? TYPE.function : TYPE.macro, MOD.declaration);
      this.trailingComment(node.headerRange.end);
      this.flush();
    }
  }

  private versionLine(version: CommandNode): void {
    this.add(version.keyword.range.start, version.keyword.range.end, TYPE.keyword, 0);
    for (const arg of version.rawArgs) this.add(arg.range.start, arg.range.end, arg.text.startsWith('-') ? TYPE.property : TYPE.number, 0);
    this.trailingComment(version.range.end);
    this.flush();
  }

  private command(command: CommandNode): void {
    const spec = command.known ? commandByName(command.keyword.text) : undefined;
    if (spec) this.add(command.keyword.range.start, command.keyword.range.end, TYPE.keyword, isDeprecatedCommand(spec, this.model.features, this.flavor) ? MOD.deprecated : 0);
    const sites = this.commandSites;
    sites.length = 0;
    for (let site = this.sites.next(command); site; site = this.sites.next(command)) sites.push(site);
    for (const flag of command.flags) {
      const flagSpec = spec && flagOf(spec, flag.name);
      if (!inReference(sites, flag.range.start)) this.add(flag.nameRange.start, flag.nameRange.end, TYPE.property, flagSpec?.deprecated || flagSpec?.obsolete ? MOD.deprecated : 0);
      if (flag.value !== undefined && flag.valueRange) this.word(flag.value, flag.valueRange, command);
    }
    // The exec form's words are JSON strings, decoded: their offsets are not the text's, and the grammar colours them.
    if (!command.execMode) {
      const keyValue = command.keyValue;
      if (keyValue) {
        const declared = this.declared.next(command);
        if (declared) this.declaration(declared);
        if (keyValue.value) this.word(keyValue.value.text, keyValue.value.range, command);
      } else {
        this.arguments(command);
      }
    }
    for (const site of sites) this.reference(site);
    const imp = this.imports.next(command);
    if (imp) {
      this.add(imp.path.range.start, imp.path.range.end, TYPE.namespace, 0);
      if (imp.aliasRange !== imp.path.range) this.add(imp.aliasRange.start, imp.aliasRange.end, TYPE.namespace, MOD.declaration);
    }
    this.trailingComment(command.range.end);
    this.flush();
  }

  private arguments(command: CommandNode): void {
    const keywords = ARGUMENT_KEYWORDS.get(command.keyword.text);
    const loop = command.keyword.text === 'FOR' ? this.declared.next(command) : undefined;
    if (loop) this.declaration(loop);
    const args = command.args;
    for (let i = loop ? 1 : 0; i < args.length; i++) {
      const arg = args[i];
      if (keywords && i >= keywords.from && keywords.words.has(arg.text)) this.add(arg.range.start, arg.range.end, TYPE.keyword, 0);
      else this.word(arg.text, arg.range, command);
    }
  }

  /** The name an ARG, LET, ENV or FOR declares, or the one SET assigns (typed as its declaration). */
  private declaration(v: Variable): void {
    const { start, end } = v.nameRange;
    const builtin = v.kind === 'ARG' ? this.builtinModifiers(v.name) : undefined;
    if (builtin !== undefined) this.add(start, end, TYPE.variable, builtin | MOD.declaration);
    else if (v.kind === 'SET') this.variable(this.recipe, v.name, start, end);
    else this.add(start, end, VARIABLE_TYPE[v.kind], MOD.declaration);
  }

  private builtinModifiers(name: string): number | undefined {
    if (!builtinArg(name)) return undefined;
    const deprecated = this.flavor === 'earthbuild' && isEarthlySpelling(name);
    return MOD.readonly | MOD.defaultLibrary | (deprecated ? MOD.deprecated : 0);
  }

  /** The variables in a word (its text as Earthly stores it, and its range), and the word itself as a string when it is quoted whole. */
  private word(text: string, range: Range, command: CommandNode): void {
    if (text.includes('$')) {
      const site: UseSite = { recipe: this.recipe, command };
      usesIn(this.source, { text, range }, site, this.onUse);
    }
    const first = text.charCodeAt(0);
    if (text.length >= 2 && (first === CH_DQUOTE || first === CH_SQUOTE) && text.charCodeAt(text.length - 1) === first && !text.includes('$(')) {
      this.strings.push(range.start, range.end);
    }
  }

  private variable(recipe: Recipe, name: string, start: number, end: number): void {
    const builtin = this.builtinModifiers(name);
    if (builtin !== undefined) return this.add(start, end, TYPE.variable, builtin);
    const kind = this.kinds.get(recipe)?.get(name);
    const type = kind ? VARIABLE_TYPE[kind] : this.globals.has(name) ? TYPE.parameter : TYPE.variable;
    this.add(start, end, type, 0);
  }

  private reference(site: ReferenceSite): void {
    const ref = site.ref;
    if (ref) {
      // A part written with a variable is only known once expanded: the variable's token stands there.
      const { earthfileRange: earthfile, nameRange: name } = site;
      if (earthfile && !this.holdsDollar(earthfile)) this.add(earthfile.start, earthfile.end, TYPE.namespace, 0);
      if (name && !this.holdsDollar(name)) this.add(name.start, name.end, ref.nameKind === 'target' ? TYPE.function : TYPE.macro, 0);
    }
    for (const o of site.overrides) this.add(o.keyRange.start, o.keyRange.end, TYPE.parameter, 0);
  }

  private holdsDollar(range: Range): boolean {
    for (let i = range.start; i < range.end; i++) if (this.source.charCodeAt(i) === CH_DOLLAR) return true;
    return false;
  }

  /** A `#` comment after the last word of a line (lines that hold only a comment are merged in by `PositionedTokens`). */
  private trailingComment(end: number): void {
    const at = skipBlanks(this.source, end);
    if (this.source.charCodeAt(at) === CH_HASH && at > end) this.add(at, lineEnd(this.source, at), TYPE.comment, 0);
  }

  private add(start: number, end: number, type: number, modifiers: number): void {
    if (end > start) this.pending.push(start, end, type, modifiers);
  }

  /** Appends the current line's tokens, sorted, without overlaps, strings cut around what they hold. */
  private flush(): void {
    const pending = this.pending;
    sortByStart(pending);
    if (this.strings.length > 0) {
      const strings = this.strings;
      const count = pending.length;
      for (let s = 0; s < strings.length; s += 2) {
        let from = strings[s];
        const to = strings[s + 1];
        for (let i = 0; i < count && from < to; i += 4) {
          if (pending[i + 1] <= from || pending[i] >= to) continue;
          if (pending[i] > from) pending.push(from, pending[i], TYPE.string, 0);
          from = Math.max(from, pending[i + 1]);
        }
        if (from < to) pending.push(from, to, TYPE.string, 0);
      }
      strings.length = 0;
      sortByStart(pending);
    }
    for (let i = 0; i < pending.length; i += 4) this.out.write(pending[i], pending[i + 1], pending[i + 2], pending[i + 3]);
    pending.length = 0;
  }
}

/** Whether `offset` lies inside one of the reference words: the parser splits a `(+t --K=v)` group into words, so its overrides can look like flags. */
function inReference(sites: readonly ReferenceSite[], offset: number): boolean {
  for (const site of sites) if (site.range.start < offset && offset < site.range.end) return true;
  return false;
}

/**
 * A list the model keeps in source order (references, IMPORTs, declarations), read along with the
 * command lines: no table keyed by command, whose lookups cost more than the rest of the walk.
 */
class InSourceOrder<T extends { readonly command: CommandNode }> {
  private i = 0;

  constructor(private readonly items: readonly T[]) {}

  /** The next item written in `command`, if any; the items of commands already passed are skipped. */
  next(command: CommandNode): T | undefined {
    const items = this.items;
    const start = command.range.start;
    while (this.i < items.length && items[this.i].command.range.start < start) this.i++;
    return this.i < items.length && items[this.i].command === command ? items[this.i++] : undefined;
  }
}

/** Insertion sort of four-integer groups by their first integer: one line's tokens are a handful, mostly in order already. */
function sortByStart(groups: number[]): void {
  for (let i = 4; i < groups.length; i += 4) {
    const a = groups[i];
    if (groups[i - 4] <= a) continue;
    const b = groups[i + 1];
    const c = groups[i + 2];
    const d = groups[i + 3];
    let j = i - 4;
    while (j >= 0 && groups[j] > a) {
      groups[j + 4] = groups[j];
      groups[j + 5] = groups[j + 1];
      groups[j + 6] = groups[j + 2];
      groups[j + 7] = groups[j + 3];
      j -= 4;
    }
    groups[j + 4] = a;
    groups[j + 5] = b;
    groups[j + 6] = c;
    groups[j + 7] = d;
  }
}

/**
 * Where tokens are written while they are made. Reused, since the tokens of a large file take
 * megabytes and a fresh typed array each time is memory outside the heap, whose growth makes V8
 * collect its whole heap; each answer is then copied out at its exact size.
 */
let scratch = new Uint32Array(1 << 14);

/**
 * The tokens at LSP positions, written in source order with the lines that hold only a comment (blank
 * lines and comment lines inside a line continuation included) merged in where they fall: the lines
 * are walked along with the tokens, a token across line breaks becomes one per line, and a token that
 * overlaps the one before is dropped. Doc comments of targets and functions are `documentation`.
 */
class PositionedTokens {
  private length = 0;
  private readonly lastLine: number;
  private line = 0;
  private lineStart = 0;
  private nextStart: number;
  private contentEnd: number;
  /** The end of the last token written, and the position of the one before it (the encoding is relative). */
  private end = -1;
  private previousLine = 0;
  private previousCharacter = 0;
  /** The next line to look at for a comment, and the next doc comment. */
  private commentLine = 0;
  private doc = 0;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly docs: readonly Range[],
  ) {
    this.lastLine = lines.lineCount - 1;
    this.nextStart = this.lastLine > 0 ? lines.lineStart(1) : text.length;
    this.contentEnd = contentEndOf(text, this.nextStart, this.lastLine > 0);
  }

  write(start: number, end: number, type: number, modifiers: number): void {
    this.commentsBefore(start);
    this.place(start, end, type, modifiers);
  }

  finish(): EncodedTokens {
    this.commentsBefore(this.text.length + 1);
    return scratch.slice(0, this.length);
  }

  /** The comment lines that start before `offset` (a line with a token on it holds more than a comment). */
  private commentsBefore(offset: number): void {
    const { text, lines } = this;
    while (this.commentLine <= this.lastLine) {
      const lineStart = lines.lineStart(this.commentLine);
      if (lineStart >= offset) return;
      const at = skipBlanks(text, lineStart);
      if (text.charCodeAt(at) === CH_HASH && at < offset) {
        const docs = this.docs;
        while (this.doc < docs.length && docs[this.doc].end <= at) this.doc++;
        const documentation = this.doc < docs.length && docs[this.doc].start <= at;
        const broken = this.commentLine < this.lastLine;
        const end = contentEndOf(text, broken ? lines.lineStart(this.commentLine + 1) : text.length, broken);
        this.place(at, end, TYPE.comment, documentation ? MOD.documentation : 0);
      }
      this.commentLine++;
    }
  }

  private place(start: number, end: number, type: number, modifiers: number): void {
    if (start < this.end || start >= end) return;
    this.end = end;
    while (start < end) {
      while (this.line < this.lastLine && this.nextStart <= start) this.nextLine();
      // A piece that goes on to the next line leaves out the line continuation and the blanks around it.
      const pieceEnd = end <= this.contentEnd ? end : continuationStart(this.text, start, this.contentEnd);
      if (pieceEnd > start) {
        if (this.length + 5 > scratch.length) {
          const bigger = new Uint32Array(scratch.length * 2);
          bigger.set(scratch);
          scratch = bigger;
        }
        const n = this.length;
        const character = start - this.lineStart;
        scratch[n] = this.line - this.previousLine;
        scratch[n + 1] = this.line === this.previousLine ? character - this.previousCharacter : character;
        scratch[n + 2] = pieceEnd - start;
        scratch[n + 3] = type;
        scratch[n + 4] = modifiers;
        this.length = n + 5;
        this.previousLine = this.line;
        this.previousCharacter = character;
      }
      if (this.line >= this.lastLine) return;
      start = skipBlanks(this.text, Math.max(pieceEnd, this.nextStart));
    }
  }

  private nextLine(): void {
    this.line++;
    this.lineStart = this.nextStart;
    const broken = this.line < this.lastLine;
    this.nextStart = broken ? this.lines.lineStart(this.line + 1) : this.text.length;
    this.contentEnd = contentEndOf(this.text, this.nextStart, broken);
  }
}

/** Where a line's content ends: before the line break that ends at `nextStart`, if there is one. */
function contentEndOf(text: string, nextStart: number, broken: boolean): number {
  if (!broken) return nextStart;
  return text.charCodeAt(nextStart - 1) === 10 && text.charCodeAt(nextStart - 2) === 13 ? nextStart - 2 : nextStart - 1;
}

/** Where the end of a line from `start` to `end` stops counting: before a trailing `\` and the blanks around it. */
function continuationStart(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && isBlank(text.charCodeAt(at - 1))) at--;
  if (at > start && text.charCodeAt(at - 1) === CH_BACKSLASH) at--;
  while (at > start && isBlank(text.charCodeAt(at - 1))) at--;
  return at;
}
