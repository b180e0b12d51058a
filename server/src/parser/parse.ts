// The Earthfile parser: text -> lossless syntax tree with exact ranges, plus syntax errors.
// (reference: shared earthfile-language.md §1 structure, §2 lexical rules, §5 blocks)
//
// One hand-written pass over the text, line by line, with character scanning by `charCodeAt`.
// Blocks are tracked on an explicit stack, so nesting depth costs no call stack, and every
// lookahead (quotes, `$( )`) is memoised in scan.ts, so the whole parse is linear. The parser never
// throws: anything it does not understand becomes an error plus a best-effort node. What each
// keyword's rule allows (no arguments, a required word, the key/value form, the block it opens) is
// read from the command table, language/commands.ts.
//
// How flags are told apart from positional arguments (go-flags rules, reference §4): options come
// before the first positional word, and `--` ends them (it is dropped from `args`). `--name=value`
// and `-n=value` carry their value. A flag written without `=` takes the next word as its value when
// the command's flag table (language/commands.ts) lists it as `string` or `list`; otherwise, and for
// flags the table does not know, it is a bool flag.
//
// Known differences from Earthly's ANTLR parser (everything else is meant to match it exactly):
// - Earthly stops at the first syntax error; this parser recovers and reports them all, in its own
//   words (Earthly's ANTLR messages are generic).
// - A keyword glued to other text (`RUNX`, `LOCALLY#x`) is an unknown command here; Earthly's lexer
//   would split off the keyword and lex the rest as an argument.
// - A quote that is never closed stays in its word (with an `unterminated` error); Earthly's lexer
//   drops the character. A `\` at the very end of the file is a continuation to nothing, as EB reads
//   it (Earthly's lexer refuses it; the syntax checks report it).
// - Past a work budget (about 16 scans of the text, or 10,000 levels of nested quotes and `$(`),
//   further quotes and shell-outs are plain characters. Only absurd input gets there.
// - Headers: a name outside `[a-z][a-zA-Z0-9.-]*` / `[A-Z][A-Z0-9._]*` is an error (as in Earthly);
//   the first letter's case decides target or function. EarthBuild accepts any `[A-Za-z0-9_.-]+`
//   and makes a function of a header whose first command is FUNCTION or COMMAND.
// - Where EarthBuild's hand-written parser (EB `parse.go`) reads a construct differently, this parser
//   reads it as EarthBuild does: an ARG/ENV/LET/SET value loses its continuations, `ARG K=` has the
//   empty value, IF/ELSE IF/FOR words keep their continuations, the first statement of a recipe takes
//   every comment line since the header as its doc comment, and the doc comment of a block of the
//   base recipe passes over the block to the next header.

import { COMMANDS, commandByName, flagOf, type CommandSpec, type KeyValueGrammar } from '../language/commands';
import { FUNCTION_NAME, TARGET_NAME, VARIABLE_NAME } from '../language/names';
import { LineIndex } from '../text/lineIndex';
import { lastAtOrBelow } from '../text/sortedSearch';
import { Word } from './word';
import { GroupScanner, WORD_SPECIAL } from './scan';
import {
  CH_BACKSLASH,
  CH_COLON,
  CH_DOLLAR,
  CH_DQUOTE,
  CH_EQUALS,
  CH_HASH,
  CH_LPAREN,
  CH_SPACE,
  CH_SQUOTE,
  hasBackslash,
  isBlank,
  isNewline,
  lineEnd,
  newlineEnd,
  skipBlanks,
} from '../text/characters';
import { isContinuation, removeContinuations } from '../text/continuations';
import { errorMessage } from '../../../shared/src/errorMessage';
import type {
  ArgNode,
  BlockNode,
  ClauseNode,
  CommandNode,
  DocsNode,
  EarthfileNode,
  FlagNode,
  FunctionNode,
  KeyValueNode,
  ParseError,
  ParseErrorCode,
  ParseResult,
  Range,
  Statement,
  TargetNode,
  Token,
  TokenTable,
} from './syntax';
import { TOKEN_KINDS } from './syntax';

/** Token kinds as `Parser.push` records them: small numbers in a typed array, named by `TOKEN_KINDS` (syntax.ts). */
const enum TokenCode {
  Whitespace,
  Newline,
  Comment,
  Continuation,
  Keyword,
  HeaderName,
  Colon,
  Word,
  Equals,
  Value,
  Json,
  Error,
}

/** First words of the multi-word keywords (`SAVE`, `FROM`, `GIT`, `WITH`, `ELSE`). */
const MULTI_WORD_FIRST = new Set(
  COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.slice(0, c.name.indexOf(' '))),
);

/** A command of the table as the parser looks it up, with where its keyword's second word starts. */
interface Keyword {
  readonly spec: CommandSpec;
  /** Where the second word of a multi-word keyword starts (`SAVE ARTIFACT` -> 5), or -1. */
  readonly secondWord: number;
}

function keywordOf(spec: CommandSpec): Keyword {
  return { spec, secondWord: spec.name.includes(' ') ? spec.name.indexOf(' ') + 1 : -1 };
}

/** Commands by the first character of their keyword (ASCII), longest keyword first. */
const KEYWORDS_BY_FIRST_CHAR: readonly (readonly Keyword[] | undefined)[] = (() => {
  const buckets: Keyword[][] = [];
  for (const c of COMMANDS) {
    const first = c.name.charCodeAt(0);
    if (first < 128) (buckets[first] ??= []).push(keywordOf(c));
  }
  for (const bucket of buckets) bucket?.sort((a, b) => b.spec.name.length - a.spec.name.length);
  return Array.from({ length: 128 }, (_, i) => buckets[i]);
})();

/**
 * The command whose keyword is written at `p` and followed by a blank, a newline or the end of the
 * file. Multi-word keywords match only with exactly one space (reference §2); the longest wins.
 */
function keywordAt(text: string, p: number): Keyword | undefined {
  const first = text.charCodeAt(p);
  const bucket = first < 128 ? KEYWORDS_BY_FIRST_CHAR[first] : undefined;
  if (!bucket) return undefined;
  for (const k of bucket) {
    const name = k.spec.name;
    const e = p + name.length;
    if (e > text.length || !text.startsWith(name, p)) continue;
    if (e === text.length) return k;
    const d = text.charCodeAt(e);
    if (isBlank(d) || isNewline(d)) return k;
  }
  return undefined;
}


/** A word of an argument list as scanned: its source span (raw text = source slice). */
interface RawAtom {
  readonly start: number;
  readonly end: number;
  /** Whether the word contains a backslash (so it may contain a continuation to remove). */
  readonly backslash?: boolean;
}

interface Frame {
  readonly kind: BlockNode['kind'];
  readonly opener: CommandNode;
  /** The comment lines of the opener's doc comment. */
  readonly docLines: readonly CommentLine[];
  readonly clauses: { command: CommandNode; body: Statement[] }[];
}

interface Item {
  readonly kind: 'target' | 'function';
  readonly name: string;
  readonly nameRange: Range;
  readonly headerRange: Range;
  readonly docs: DocsNode | undefined;
  readonly recipe: Statement[];
}

interface CommentLine {
  /** Offset of the `#`. */
  readonly start: number;
  readonly end: number;
  readonly indented: boolean;
}

/** Parses an Earthfile. Never throws; runs in time linear in the length of `text`. */
export function parse(text: string): ParseResult {
  const source = typeof text === 'string' ? text : String(text);
  try {
    return new Parser(source).run();
  } catch (e) {
    // A bug must not take the language server down: degrade to an empty tree with one error.
    return internalError(source, e);
  }
}

/** `parse`, recording the tree's token table in the same pass: for the formatter, which reads all of it. Never throws. */
export function parseLossless(text: string): ParseResult {
  const source = typeof text === 'string' ? text : String(text);
  try {
    return new Parser(source, true).run();
  } catch (e) {
    return internalError(source, e);
  }
}

/** The targets and functions parsed from the lines between two headers, with what they tell the header after them. */
export interface RecipesParse {
  /** `owner` again with its new recipe, then any target or function whose header the lines hold. */
  readonly items: readonly (TargetNode | FunctionNode)[];
  /** Errors of those lines, in document order. */
  readonly errors: readonly ParseError[];
  /** The doc comment the header at `stop` gets. */
  readonly nextDocs: DocsNode | undefined;
  readonly scan: ScanFacts;
}

/**
 * Parses `text` from `start`, the line after `owner`'s header, up to `stop`, the start of a header
 * line (or the end of the text), in the state a whole-file parse is in there. Undefined when the
 * lines do not end exactly at `stop` (a continuation or a quote runs over it) or the parser failed.
 */
export function parseRecipes(text: string, owner: TargetNode | FunctionNode, start: number, stop: number): RecipesParse | undefined {
  try {
    return new Parser(text, false, true).runRecipes(owner, start, stop);
  } catch {
    return undefined;
  }
}

/**
 * Every token of `text`, from a second parse that records them. Only the lossless printer, the
 * formatter and tests read tokens, so a parse for the model skips recording them (a tenth of its time).
 */
function tokensOf(text: string): TokenTable {
  return new Parser(text, true).run().tree.tokenTable;
}

/** The tokens of `table` as objects. */
function tokenObjects(table: TokenTable): Token[] {
  const { count, kinds, starts, ends } = table;
  const tokens = new Array<Token>(count);
  for (let i = 0; i < count; i++) tokens[i] = { kind: TOKEN_KINDS[kinds[i]], start: starts[i], end: ends[i] };
  return tokens;
}

/** What scanning quotes and `$(` cost a tree (see scan.ts): the work, and whether a scan found no end. */
export interface ScanFacts {
  readonly work: number;
  readonly failed: boolean;
}

const scanFacts = new WeakMap<EarthfileNode, ScanFacts>();

/** The scan facts of `tree`; for a tree made otherwise than by a parse, as bad as can be. */
export function scanFactsOf(tree: EarthfileNode): ScanFacts {
  return scanFacts.get(tree) ?? { work: Infinity, failed: true };
}

/** Records the scan facts of a tree assembled from parts of others (see reparse.ts). */
export function setScanFacts(tree: EarthfileNode, facts: ScanFacts): void {
  scanFacts.set(tree, facts);
}

/** The root node of `text` (its tokens are made when first read). */
export function earthfileNode(
  text: string,
  version: CommandNode | undefined,
  baseRecipe: readonly Statement[],
  items: readonly (TargetNode | FunctionNode)[],
  recorded?: TokenTable,
): EarthfileNode {
  return new EarthfileRoot(text, version, baseRecipe, items, recorded);
}

/**
 * A class, not an object literal with getters: each literal's getters are new functions, which give
 * each root a map of its own, and maps are only freed by a full collection. Until then they kept every
 * version's root and text alive through young-generation collections: typing in a 300-line file
 * promoted 9 KB per parse, and made scavenges of 10-45 ms in a server typed in for a while.
 */
class EarthfileRoot implements EarthfileNode {
  readonly kind = 'earthfile';
  readonly range: Range;
  readonly targets: readonly TargetNode[];
  readonly functions: readonly FunctionNode[];
  private table: TokenTable | undefined;
  private tokenList: Token[] | undefined;

  constructor(
    readonly text: string,
    readonly version: CommandNode | undefined,
    readonly baseRecipe: readonly Statement[],
    readonly items: readonly (TargetNode | FunctionNode)[],
    recorded: TokenTable | undefined,
  ) {
    this.range = { start: 0, end: text.length };
    this.targets = items.filter((i): i is TargetNode => i.kind === 'target');
    this.functions = items.filter((i): i is FunctionNode => i.kind === 'function');
    this.table = recorded;
  }

  get tokenTable(): TokenTable {
    return (this.table ??= tokensOf(this.text));
  }

  get tokens(): readonly Token[] {
    return (this.tokenList ??= tokenObjects(this.tokenTable));
  }
}

const EMPTY_KINDS = new Uint8Array(0);
const EMPTY_OFFSETS = new Int32Array(0);
const EMPTY_TABLE: TokenTable = { count: 0, kinds: EMPTY_KINDS, starts: EMPTY_OFFSETS, ends: EMPTY_OFFSETS };

/** Prefix of the message of the error `parse` returns when the parser itself failed. */
export const INTERNAL_ERROR = 'internal parser error';

function internalError(text: string, e: unknown): ParseResult {
  const n = text.length;
  const tree: EarthfileNode = {
    kind: 'earthfile',
    text,
    range: { start: 0, end: n },
    version: undefined,
    baseRecipe: [],
    targets: [],
    functions: [],
    items: [],
    tokens: n > 0 ? [{ kind: 'error', start: 0, end: n }] : [],
    tokenTable: n > 0 ? { count: 1, kinds: Uint8Array.of(TokenCode.Error), starts: Int32Array.of(0), ends: Int32Array.of(n) } : EMPTY_TABLE,
  };
  const message = `${INTERNAL_ERROR}: ${errorMessage(e)}`;
  return { tree, errors: [{ code: 'syntax', message, range: { start: 0, end: Math.min(n, 1) } }] };
}

/** The source text again, rebuilt from the tree's tokens (the formatter relies on this). */
export function printLossless(tree: EarthfileNode): string {
  const parts: string[] = [];
  const text = tree.text;
  for (const t of tree.tokens) parts.push(text.slice(t.start, t.end));
  return parts.join('');
}

class Parser {
  private readonly n: number;
  private pos = 0;
  /** Token records, only when the parser was asked for them (see `tokensOf`). */
  private kinds = EMPTY_KINDS;
  private starts = EMPTY_OFFSETS;
  private ends = EMPTY_OFFSETS;
  private tokenCount = 0;
  private readonly errors: ParseError[] = [];
  private readonly groups: GroupScanner;
  private lines?: LineIndex;

  /** The comment lines directly above the line being parsed (a blank line ends a run). */
  private commentRun: CommentLine[] = [];
  /** Every comment line between the header of the current recipe and its first statement, blank lines or not. */
  private leading: CommentLine[] = [];
  /**
   * The doc comment of a block of the base recipe whose END was the last statement: it passes over the
   * block to the next header, unless a blank line follows a comment or another blank line (EB `parse.go`
   * leaves a block's comments pending at the top level).
   */
  private carried?: readonly CommentLine[];
  private carriedBlank = false;
  private version?: CommandNode;
  private sawStatement = false;
  private readonly base: Statement[] = [];
  private readonly items: (TargetNode | FunctionNode)[] = [];
  private item?: Item;
  private readonly stack: Frame[] = [];
  /** Whether the last statement line was indented, and whether it was a header. */
  private lastIndented = false;
  private lastWasHeader = false;
  /** Kind given to the words scanned now (`value` while scanning an ARG/ENV/LET/SET value). */
  private wordKind = TokenCode.Word;
  private unterminatedReported = -1;
  /** The word (or `=`) found by the last `nextWord`. */
  private wordStart = 0;
  private wordEnd = 0;
  private wordBackslash = false;
  /** Reused by `words` to collect the words of each line. */
  private readonly scratch: ArgNode[] = [];

  constructor(
    private readonly text: string,
    private readonly recordTokens = false,
    /** Whether the strings the tree keeps are copied out of `text` (see `source`). */
    private readonly copies = false,
  ) {
    this.n = text.length;
    this.groups = new GroupScanner(text);
    if (recordTokens) {
      // Typical Earthfiles have a token every 3 to 4 characters.
      const capacity = Math.min(Math.max(256, Math.ceil(this.n / 3)), 1 << 20);
      this.kinds = new Uint8Array(capacity);
      this.starts = new Int32Array(capacity);
      this.ends = new Int32Array(capacity);
    }
  }

  run(): ParseResult {
    this.parseLines(this.n);
    this.endItem();
    const tree = earthfileNode(this.text, this.version, this.base, this.items, this.recordTokens ? this.tokenTable() : undefined);
    scanFacts.set(tree, this.scanFacts());
    return { tree, errors: this.sortedErrors() };
  }

  runRecipes(owner: TargetNode | FunctionNode, start: number, stop: number): RecipesParse | undefined {
    const { kind, name, nameRange, headerRange, docs } = owner;
    this.item = { kind, name, nameRange, headerRange, docs, recipe: [] };
    this.lastWasHeader = true;
    this.pos = start;
    this.parseLines(stop);
    if (this.pos !== stop) return undefined;
    const nextDocs = stop < this.n ? this.docsOf(this.docLines(false, this.lastIndented)) : undefined;
    this.endItem();
    return { items: this.items, errors: this.sortedErrors(), nextDocs, scan: this.scanFacts() };
  }

  private scanFacts(): ScanFacts {
    return { work: this.groups.spent, failed: this.groups.failed };
  }

  /** Errors in document order (the sort is stable, so same-offset errors keep their order). */
  private sortedErrors(): ParseError[] {
    return this.errors.sort((a, b) => a.range.start - b.range.start);
  }

  /** Parses whole lines until `stop` is reached or passed. */
  private parseLines(stop: number): void {
    const { text, n } = this;
    while (this.pos < stop) {
      const lineStart = this.pos;
      const p = skipBlanks(text, lineStart);
      this.push(TokenCode.Whitespace, lineStart, p);
      this.pos = p;
      if (p >= n) break;
      const c = text.charCodeAt(p);
      if (isNewline(c)) {
        this.pushNewline(p);
        if (this.carried) this.blankAfterBlock();
        if (this.commentRun.length > 0) this.commentRun = [];
        continue;
      }
      if (c === CH_HASH) {
        const e = lineEnd(text, p);
        this.push(TokenCode.Comment, p, e);
        const line: CommentLine = { start: p, end: e, indented: p > lineStart };
        this.commentRun.push(line);
        if (this.lastWasHeader) this.leading.push(line);
        this.carriedBlank = false;
        this.pos = e;
        if (e < n) this.pushNewline(e);
        continue;
      }
      const indented = p > lineStart;
      if (!this.header(lineStart, indented)) this.commandLine(lineStart, indented);
      if (this.commentRun.length > 0) this.commentRun = [];
    }
  }

  // Tokens and errors ---------------------------------------------------------------------------

  /** The recorded tokens. */
  private tokenTable(): TokenTable {
    const count = this.tokenCount;
    return { count, kinds: this.kinds.subarray(0, count), starts: this.starts.subarray(0, count), ends: this.ends.subarray(0, count) };
  }

  /** Records a token in typed arrays, when recording (a 10,000-line file has about 80,000 tokens). */
  private push(kind: TokenCode, start: number, end: number): void {
    if (end <= start || !this.recordTokens) return;
    const i = this.tokenCount;
    if (i === this.kinds.length) {
      const kinds = new Uint8Array(i * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
      const starts = new Int32Array(i * 2);
      starts.set(this.starts);
      this.starts = starts;
      const ends = new Int32Array(i * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
    this.tokenCount = i + 1;
  }

  /** Pushes the newline at `p` and moves past it. */
  private pushNewline(p: number): void {
    const e = newlineEnd(this.text, p);
    this.push(TokenCode.Newline, p, e);
    this.pos = e;
  }

  /** The text from `start` to `end`, for the tree to keep. */
  private source(start: number, end: number): string {
    return this.kept(this.text.slice(start, end));
  }

  /** `s`, made from the text, for the tree to keep. */
  private kept(s: string): string {
    // V8 makes a slice of 13 or more characters share the whole text's. Reparsed recipes outlive the
    // version they were parsed from, and would keep every version's text alive: they keep copies.
    return this.copies && s.length >= 13 ? (s + ' ').slice(0, -1) : s;
  }

  private error(code: ParseErrorCode, message: string, range: Range): void {
    this.errors.push({ code, message, range: { start: range.start, end: range.end } });
  }

  private lineOf(offset: number): number {
    if (!this.lines) this.lines = new LineIndex(this.text);
    return this.lines.positionAt(offset).line + 1;
  }

  // Headers -------------------------------------------------------------------------------------

  /** Parses a `name:` header line starting at `this.pos`; false when the line is not a header. */
  private header(lineStart: number, indented: boolean): boolean {
    const { text, n } = this;
    const start = this.pos;
    let q = start;
    while (q < n && isNameChar(text.charCodeAt(q))) q++;
    if (q === start || text.charCodeAt(q) !== CH_COLON) return false;
    const afterColon = skipBlanks(text, q + 1);
    const next = afterColon < n ? text.charCodeAt(afterColon) : -1;
    const clean = next === -1 || isNewline(next) || next === CH_HASH;
    // An indented `word: more text` is a command line (an unknown keyword), not a misplaced header.
    if (indented && !clean) return false;

    const name = this.source(start, q);
    const nameRange = { start, end: q };
    const headerRange = { start, end: q + 1 };
    const isFunction = name.charCodeAt(0) >= 65 && name.charCodeAt(0) <= 90;
    const kindWord = isFunction ? 'function' : 'target';
    const lines = this.docLines(false, this.lastIndented);
    const carried = this.carried;
    this.carried = undefined;
    const docs = isFunction ? undefined : this.docsOf(carried ? [...carried, ...lines] : lines);

    this.endItem();
    this.push(TokenCode.HeaderName, start, q);
    this.push(TokenCode.Colon, q, q + 1);
    this.push(TokenCode.Whitespace, q + 1, afterColon);
    let e = afterColon;
    if (next === CH_HASH) {
      e = lineEnd(text, afterColon);
      this.push(TokenCode.Comment, afterColon, e);
    } else if (!clean) {
      e = lineEnd(text, afterColon);
      this.push(TokenCode.Error, afterColon, e);
      this.error('syntax', `unexpected text after the ${kindWord} header "${short(name)}:"`, { start: afterColon, end: e });
    }
    this.pos = e;
    if (e < n) this.pushNewline(e);

    if (indented) {
      this.error('invalid-header', `${kindWord} must start at the beginning of the line`, { start: lineStart, end: q + 1 });
    }
    if (isFunction ? !FUNCTION_NAME.test(name) : !TARGET_NAME.test(name)) {
      const rule = isFunction
        ? 'function names must match [A-Z][A-Z0-9._]*'
        : 'target names must match [a-z][a-zA-Z0-9.-]*';
      this.error('invalid-header', `invalid ${kindWord} name "${short(name)}": ${rule}`, nameRange);
    }
    this.item = { kind: isFunction ? 'function' : 'target', name, nameRange, headerRange, docs, recipe: [] };
    this.lastIndented = false;
    this.lastWasHeader = true;
    if (this.leading.length > 0) this.leading = [];
    return true;
  }

  /** Closes the open blocks of the current target/function (or base recipe) and records it. */
  private endItem(): void {
    while (this.stack.length > 0) {
      const frame = this.stack[this.stack.length - 1];
      const kw = frame.opener.keyword;
      this.error(
        'missing-end',
        `expected END to close ${kw.text} opened at line ${this.lineOf(kw.range.start)}`,
        kw.range,
      );
      this.closeBlock(undefined);
    }
    const item = this.item;
    if (!item) return;
    const last = lastOf(item.recipe);
    const range = { start: item.headerRange.start, end: last ? last.range.end : item.headerRange.end };
    const node: TargetNode | FunctionNode = {
      kind: item.kind,
      name: item.name,
      nameRange: item.nameRange,
      headerRange: item.headerRange,
      range,
      recipe: item.recipe,
      docs: item.docs,
    };
    this.items.push(node);
    this.item = undefined;
  }

  // Doc comments --------------------------------------------------------------------------------

  /**
   * The comment lines that are the doc comment of the statement (or header) about to be parsed: the
   * lines directly above it. When the indentation level changes at this statement (a header after a
   * recipe), Earthly's lexer puts its DEDENT before the last run of comments indented like the
   * statement, so only those count (earthly `ast/lexer.go`, `handleCommentIndentLevel`). The first
   * statement of a recipe takes every comment line indented like it since the header, across blank
   * lines (EB `parse.go` collects them all before the recipe's INDENT).
   */
  private docLines(indented: boolean, levelChange: boolean): readonly CommentLine[] {
    if (this.lastWasHeader && indented) {
      const leading = this.leading;
      for (const c of leading) if (c.indented !== indented) return leading.filter((l) => l.indented === indented);
      return leading;
    }
    const run = this.commentRun;
    if (!levelChange) return run;
    let i = run.length;
    while (i > 0 && run[i - 1].indented === indented) i--;
    return i === 0 ? run : run.slice(i);
  }

  /** A doc comment as Earthly stores it: `#` and the first line's leading blanks stripped, each line `\n`-ended. */
  private docsOf(lines: readonly CommentLine[]): DocsNode | undefined {
    if (lines.length === 0) return undefined;
    let out = '';
    let leadingTrim: string | undefined;
    for (const c of lines) {
      let line = this.source(c.start, c.end).trim();
      if (line.startsWith('#')) line = line.slice(1);
      if (leadingTrim === undefined) {
        let k = 0;
        while (k < line.length && /\s/.test(line[k])) k++;
        leadingTrim = line.slice(0, k);
      }
      if (leadingTrim && line.startsWith(leadingTrim)) line = line.slice(leadingTrim.length);
      out += line + '\n';
    }
    return { text: out, range: { start: lines[0].start, end: lines[lines.length - 1].end } };
  }

  /** A blank line after a base-recipe block: a second one, or one after a comment, drops the block's doc comment. */
  private blankAfterBlock(): void {
    if (this.commentRun.length > 0 || this.carriedBlank) this.carried = undefined;
    else this.carriedBlank = true;
  }

  // Command lines -------------------------------------------------------------------------------

  private commandLine(lineStart: number, indented: boolean): void {
    const { text, n } = this;
    const kwStart = this.pos;
    const kw = keywordAt(text, kwStart);
    const spec = kw?.spec;
    let kwEnd: number;
    let secondStart = -1;
    if (spec) {
      kwEnd = kwStart + spec.name.length;
      if (kw.secondWord >= 0) secondStart = kwStart + kw.secondWord;
    } else {
      // An unknown keyword: the whole first word.
      kwEnd = kwStart;
      while (kwEnd < n && !isBlank(text.charCodeAt(kwEnd)) && !isNewline(text.charCodeAt(kwEnd))) kwEnd++;
    }
    if (secondStart >= 0) {
      this.push(TokenCode.Keyword, kwStart, secondStart - 1);
      this.push(TokenCode.Whitespace, secondStart - 1, secondStart);
      this.push(TokenCode.Keyword, secondStart, kwEnd);
    } else {
      this.push(TokenCode.Keyword, kwStart, kwEnd);
    }
    this.pos = kwEnd;
    const keyword = new Word(spec ? spec.name : this.source(kwStart, kwEnd), kwStart, kwEnd);
    if (!spec) this.unknownKeyword(keyword.text, keyword.range);

    const depth0 = this.stack.length === 0;
    if (depth0 && indented && !this.item) {
      this.error(
        'leading-whitespace',
        'unexpected indentation: a command outside a target or function must start at the beginning of the line',
        { start: lineStart, end: kwStart },
      );
    } else if (depth0 && !indented && this.item) {
      this.error(
        'missing-indent',
        `commands of ${this.item.kind} "${this.item.name}" must be indented`,
        keyword.range,
      );
    }

    // Block openers keep their comments too: the tree shows them (hover on a FOR variable), the AST JSON does not.
    const hasDocs = spec !== undefined && (spec.block === undefined || spec.block === 'opener') && spec.name !== 'VERSION';
    const lines = hasDocs ? this.docLines(indented, this.lastWasHeader && indented) : NO_LINES;
    // An empty run may be the live `commentRun`, which the comments under a block opener would fill:
    // a block of the base recipe would then pass those on to the next header (EB passes only its own).
    const docLines = lines.length > 0 ? lines : NO_LINES;
    const node = this.commandArgs(spec, keyword, this.docsOf(docLines));
    this.lastIndented = indented;
    this.lastWasHeader = false;
    if (this.leading.length > 0) this.leading = [];
    this.carried = undefined;
    this.place(node, spec, indented, docLines);
  }

  private unknownKeyword(word: string, range: Range): void {
    let hint = '';
    const upper = word.length <= 20 ? word.toUpperCase() : word;
    if (MULTI_WORD_FIRST.has(word) && this.text.charCodeAt(range.end) === CH_SPACE) {
      const names = COMMANDS.filter((c) => c.name.startsWith(`${word} `)).map((c) => `"${c.name}"`);
      hint = ` (multi-word keywords such as ${names.join(', ')} are separated by exactly one space)`;
    } else if (upper !== word && commandByName(upper)) {
      hint = ` (keywords are case-sensitive: did you mean "${upper}"?)`;
    }
    this.error('unknown-command', `unknown command keyword "${short(word)}"${hint}`, range);
  }

  /** Scans the arguments of a command line (up to and including its final newline). */
  private commandArgs(spec: CommandSpec | undefined, keyword: CommandNode['keyword'], docs: DocsNode | undefined): CommandNode {
    const name = spec?.name;
    const kv = spec?.keyValue;
    let rawArgs: ArgNode[];
    let flags: FlagNode[] = NO_FLAGS;
    let args: ArgNode[];
    let execMode = false;
    let keyValue: KeyValueNode | undefined;
    let end = keyword.range.end;

    if (spec && kv) {
      const r = this.keyValueArgs(spec, kv);
      rawArgs = r.rawArgs;
      flags = r.flags;
      args = r.args;
      keyValue = r.keyValue;
      end = Math.max(end, r.end);
    } else if (spec?.args === 'pairs') {
      const r = this.labelArgs(keyword.range);
      rawArgs = r.rawArgs;
      args = rawArgs;
      end = Math.max(end, r.end);
    } else {
      const words = this.words(spec?.keepsContinuations === true);
      if (words.length > 0) end = words[words.length - 1].range.end;
      const exec = spec?.args === 'maybeJson' ? this.execForm(words) : undefined;
      if (exec) {
        execMode = true;
        rawArgs = exec;
        args = exec;
      } else {
        rawArgs = words;
        if (startsWithDash(words)) {
          const split = splitFlags(spec, rawArgs);
          flags = split.flags;
          args = split.args;
        } else {
          args = words;
        }
      }
      if (spec?.noArguments && words.length > 0) {
        this.error('syntax', `${name} takes no arguments`, { start: words[0].range.start, end });
      }
      const needs = spec?.needsArguments;
      if (needs !== undefined && words.length === 0) this.error('syntax', `${name} needs ${needs}`, keyword.range);
    }
    const node: Mutable<CommandNode> = {
      kind: 'command',
      range: { start: keyword.range.start, end },
      keyword,
      known: spec !== undefined,
      flags,
      args,
      rawArgs,
      execMode,
      docs,
      keyValue,
    };
    return node;
  }

  private wordArg(a: RawAtom): ArgNode {
    const raw = this.source(a.start, a.end);
    return new Word(a.backslash ? removeContinuations(raw) : raw, a.start, a.end);
  }

  private rawArg(a: RawAtom): ArgNode {
    return new Word(this.source(a.start, a.end), a.start, a.end);
  }

  /** ARG/ENV/LET/SET: `[options] key [= value]`, the value being the rest of the line. */
  private keyValueArgs(
    spec: CommandSpec,
    grammar: KeyValueGrammar,
  ): { rawArgs: ArgNode[]; flags: FlagNode[]; args: ArgNode[]; keyValue?: KeyValueNode; end: number } {
    const name = spec.name;
    const text = this.text;
    const before: RawAtom[] = [];
    let equals: Word | undefined;
    let end = this.pos;
    for (;;) {
      const r = this.nextWord(true, true);
      if (r < 0) break;
      end = this.wordEnd;
      if (r === 0) {
        equals = new Word('=', this.wordStart, end);
        break;
      }
      before.push({ start: this.wordStart, end, backslash: this.wordBackslash });
    }
    // The value runs from its first word to its last, whatever lies between them.
    let valueStart = -1;
    let valueEnd = -1;
    if (equals) {
      this.wordKind = TokenCode.Value;
      // Right after `=`, a continuation starts the value word instead of separating words.
      let first = true;
      while (this.nextWord(false, !first) >= 0) {
        if (first) valueStart = this.wordStart;
        first = false;
        valueEnd = this.wordEnd;
      }
      this.wordKind = TokenCode.Word;
    }

    if (before.length === 0) {
      this.error('syntax', `${name} requires a variable name`, equals ?? { start: end, end });
      const args = equals ? [equals] : [];
      return { rawArgs: args.slice(), flags: [], args, end };
    }
    const keyIndex = grammar.options ? before.length - 1 : 0;
    const optionWords = keyIndex > 0 ? before.slice(0, keyIndex).map((a) => this.wordArg(a)) : NO_WORDS;
    const key = this.rawArg(before[keyIndex]);
    let value: ArgNode | undefined;
    if (valueStart >= 0) {
      // A continuation and the indentation after it leave the value (`a \⏎    b` is `a b`), as in EB `parse.go`.
      value = new Word(removeContinuations(this.source(valueStart, valueEnd)), valueStart, valueEnd);
      end = valueEnd;
    } else if (equals && !grammar.needsValue) {
      // `ARG EMPTY=` has the empty value (EB `parseKeyValueItems`).
      value = new Word('', equals.end, equals.end);
    } else if (!equals && !grammar.options && before.length > 1) {
      // `ENV K a b`: the words after the key are the value; Earthly joins them without spaces.
      const rest = before.slice(1);
      value = new Word(this.kept(removeContinuations(rest.map((a) => text.slice(a.start, a.end)).join(''))), rest[0].start, rest[rest.length - 1].end);
    } else if (!grammar.options && before.length > 1) {
      this.error('syntax', `${name} expects a single name before "="`, { start: before[1].start, end: before[before.length - 1].end });
    }
    if (!VARIABLE_NAME.test(key.text)) {
      this.error('syntax', `invalid env key definition ${short(key.text)}`, key.range);
    }
    if (grammar.needsValue && (!equals || !value)) {
      this.error('syntax', `${name} requires a value: ${name} ${short(key.text)} = <value>`, equals ?? key.range);
    }
    const split = optionWords.length > 0 ? splitFlags(spec, optionWords) : undefined;
    for (const a of split?.args ?? NO_WORDS) {
      this.error('syntax', `unexpected word "${short(a.text)}" before the ${name} name`, a.range);
    }
    const args = value ? [key, equals ?? new Word('=', value.range.start, value.range.start), value] : [key];
    // Without options the two lists are the same words: one array serves both, as for other commands.
    const rawArgs = optionWords.length > 0 ? [...optionWords, ...args] : args;
    return { rawArgs, flags: split?.flags ?? NO_FLAGS, args, keyValue: { key, equals, value }, end };
  }

  /** LABEL: `key=value` pairs; keys and values cannot contain unquoted `=` (LEX mode LABEL). */
  private labelArgs(keywordRange: Range): { rawArgs: ArgNode[]; end: number } {
    const rawArgs: ArgNode[] = [];
    let end = keywordRange.end;
    let expect: 'key' | 'equals' | 'value' = 'key';
    let bad: Range | undefined;
    for (;;) {
      const item = this.nextItem(true, true);
      if (item === undefined) break;
      end = item.end;
      const isEquals = item.equals === true;
      if ((expect === 'equals') !== isEquals) bad ??= { start: item.start, end: item.end };
      if (isEquals) {
        rawArgs.push(new Word('=', item.start, item.end));
        expect = 'value';
      } else {
        rawArgs.push(this.rawArg(item));
        expect = expect === 'key' ? 'equals' : 'key';
      }
    }
    if (expect !== 'key') bad ??= { start: keywordRange.start, end };
    if (bad) this.error('syntax', 'LABEL expects key=value pairs', bad);
    return { rawArgs, end };
  }

  /** The JSON exec form: the words, joined without spaces, parse as a JSON array of strings. */
  private execForm(words: readonly ArgNode[]): ArgNode[] | undefined {
    if (words.length === 0) return undefined;
    const text = this.text;
    const c0 = text.charCodeAt(words[0].range.start);
    if (c0 !== 91 /* [ */ && c0 !== 110 /* n */) return undefined;
    const atoms = words.map((w) => w.range);
    if (c0 !== 91 /* [ */ && c0 !== 110 /* n */) return undefined;
    const joined = atoms.length === 1 ? text.slice(atoms[0].start, atoms[0].end) : atoms.map((a) => text.slice(a.start, a.end)).join('');
    // Validate first: JSON.parse would throw on most shell forms (`[ -f x ]`), and throwing is slow.
    if (joined !== 'null' && !isJsonStringArray(joined)) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(joined);
    } catch {
      return undefined;
    }
    // Go's json.Unmarshal of `null` into a []string succeeds with no elements.
    if (value === null) return [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return undefined;
    // Map each string literal of the joined text back to the source.
    const offsets: number[] = [];
    let acc = 0;
    for (const a of atoms) {
      offsets.push(acc);
      acc += a.end - a.start;
    }
    const toSource = (k: number): number => {
      const a = lastAtOrBelow(atoms.length, (i) => offsets[i], k);
      return atoms[a].start + (k - offsets[a]);
    };
    const out: ArgNode[] = [];
    let i = 0;
    for (const v of value as string[]) {
      while (i < joined.length && joined.charCodeAt(i) !== CH_DQUOTE) i++;
      const s = i;
      i++;
      while (i < joined.length && joined.charCodeAt(i) !== CH_DQUOTE) i += joined.charCodeAt(i) === CH_BACKSLASH ? 2 : 1;
      i++;
      out.push(new Word(this.kept(v), toSource(s), toSource(i - 1) + 1));
    }
    return out;
  }

  // Words ---------------------------------------------------------------------------------------

  /** All words up to the end of the logical line, continuations removed from their text unless `keep`. */
  private words(keep: boolean): ArgNode[] {
    const out = this.scratch;
    let count = 0;
    while (this.nextWord(false, true) > 0) {
      const { wordStart: start, wordEnd: end } = this;
      const raw = this.source(start, end);
      out[count++] = new Word(this.wordBackslash && !keep ? removeContinuations(raw) : raw, start, end);
    }
    // A copy sized to fit: an array grown by `push` keeps room for 17 elements, and the tree keeps it.
    return count === 0 ? [] : out.slice(0, count);
  }

  /** The next word or `=`, as an object (see `nextWord`). */
  private nextItem(keyMode: boolean, afterBlank: boolean): (RawAtom & { equals?: boolean }) | undefined {
    const r = this.nextWord(keyMode, afterBlank);
    if (r < 0) return undefined;
    if (r === 0) return { start: this.wordStart, end: this.wordEnd, equals: true };
    return { start: this.wordStart, end: this.wordEnd, backslash: this.wordBackslash };
  }

  /**
   * The next word (or `=` in key mode) of the current logical line, pushing the trivia before it;
   * `undefined` (after consuming the line's newline) at the end of the line. `afterBlank` says
   * whether a continuation at the current position separates words (true) or starts one (false).
   */
  private nextWord(keyMode: boolean, afterBlank: boolean): number {
    const { text, n } = this;
    let sawBlank = afterBlank;
    for (;;) {
      const p = this.pos;
      if (p >= n) return -1;
      const c = text.charCodeAt(p);
      if (isBlank(c)) {
        const e = skipBlanks(text, p);
        this.push(TokenCode.Whitespace, p, e);
        this.pos = e;
        sawBlank = true;
        continue;
      }
      if (isNewline(c)) {
        this.pushNewline(p);
        return -1;
      }
      if (c === CH_HASH && sawBlank) {
        const e = lineEnd(text, p);
        this.push(TokenCode.Comment, p, e);
        this.pos = e;
        if (e < n) this.pushNewline(e);
        return -1;
      }
      if (c === CH_BACKSLASH && sawBlank && isContinuation(text, p)) {
        this.pos = this.pushContinuation(p);
        continue;
      }
      if (keyMode && c === CH_EQUALS) {
        this.push(TokenCode.Equals, p, p + 1);
        this.pos = p + 1;
        this.wordStart = p;
        this.wordEnd = p + 1;
        return 0;
      }
      this.atom(keyMode);
      return 1;
    }
  }

  /**
   * Pushes the trivia of the continuation at `p`: the backslash line and the blank or comment-only
   * lines after it. Returns the offset of the next content line (before its leading blanks).
   */
  private pushContinuation(p: number): number {
    const { text, n } = this;
    const q = skipBlanks(text, p + 1);
    let r: number;
    if (text.charCodeAt(q) === CH_HASH) {
      this.push(TokenCode.Continuation, p, q);
      const e = lineEnd(text, q);
      this.push(TokenCode.Comment, q, e);
      r = newlineEnd(text, e);
      this.push(TokenCode.Newline, e, r);
    } else {
      r = newlineEnd(text, q);
      this.push(TokenCode.Continuation, p, r);
    }
    while (r < n) {
      const b = skipBlanks(text, r);
      const c = text.charCodeAt(b);
      if (isNewline(c)) {
        this.push(TokenCode.Whitespace, r, b);
        const e = newlineEnd(text, b);
        this.push(TokenCode.Newline, b, e);
        r = e;
      } else if (c === CH_HASH) {
        this.push(TokenCode.Whitespace, r, b);
        const e = lineEnd(text, b);
        this.push(TokenCode.Comment, b, e);
        const f = newlineEnd(text, e);
        this.push(TokenCode.Newline, e, f);
        r = f;
      } else {
        break;
      }
    }
    return r;
  }

  /**
   * Scans one word (LEX `Atom`; in key mode `=` ends it) from `this.pos`, pushes its tokens and
   * sets `wordStart`, `wordEnd` and `wordBackslash`.
   */
  private atom(keyMode: boolean): void {
    const { text, n } = this;
    const start = this.pos;
    let piece = start;
    let q = start;
    let backslash = false;
    while (q < n) {
      const c = text.charCodeAt(q);
      if (c < 128 && WORD_SPECIAL[c] === 0) {
        q++;
        continue;
      }
      if (isBlank(c) || isNewline(c) || (keyMode && c === CH_EQUALS)) break;
      if (c === CH_BACKSLASH) {
        backslash = true;
        if (isContinuation(text, q)) {
          this.push(this.wordKind, piece, q);
          const r = this.pushContinuation(q);
          const b = skipBlanks(text, r);
          this.push(TokenCode.Whitespace, r, b);
          piece = q = b;
        } else {
          q += q + 1 < n ? 2 : 1;
        }
        continue;
      }
      if (c === CH_DQUOTE) {
        const e = this.groups.doubleQuoted(q);
        if (e < 0) this.unterminated(q, 'double');
        else backslash ||= hasBackslash(text, q, e);
        q = e < 0 ? q + 1 : e;
        continue;
      }
      if (c === CH_SQUOTE) {
        const e = this.groups.singleQuoted(q);
        if (e < 0 && !keyMode) this.unterminated(q, 'single');
        else if (e >= 0) backslash ||= hasBackslash(text, q, e);
        q = e < 0 ? q + 1 : e;
        continue;
      }
      if (c === CH_DOLLAR && text.charCodeAt(q + 1) === CH_LPAREN) {
        const e = this.groups.shellOut(q);
        if (e >= 0) backslash ||= hasBackslash(text, q, e);
        q = e < 0 ? q + 1 : e;
        continue;
      }
      q++;
    }
    this.push(this.wordKind, piece, q);
    this.pos = q;
    this.wordStart = start;
    this.wordEnd = q;
    this.wordBackslash = backslash;
  }

  private unterminated(p: number, which: 'double' | 'single'): void {
    // One report per line is enough: the rest of the file has no closing quote either.
    if (this.unterminatedReported >= 0 && this.lineOf(this.unterminatedReported) === this.lineOf(p)) return;
    this.unterminatedReported = p;
    this.error('unterminated', `unterminated ${which}-quoted string: no closing ${which === 'double' ? '"' : "'"} before the end of the file`, { start: p, end: p + 1 });
  }

  // Block structure -----------------------------------------------------------------------------

  /** The statement list new statements go to. */
  private body(): Statement[] {
    const top = lastOf(this.stack);
    if (top) return (lastOf(top.clauses) as Frame['clauses'][number]).body;
    return this.item ? this.item.recipe : this.base;
  }

  private place(node: CommandNode, spec: CommandSpec | undefined, indented: boolean, docLines: readonly CommentLine[]): void {
    const first = !this.sawStatement;
    this.sawStatement = true;
    const role = spec?.block;
    if (spec?.name === 'VERSION') {
      if (first && !this.item && this.stack.length === 0) {
        if (indented) this.error('leading-whitespace', 'VERSION must start at the beginning of the line', node.keyword.range);
        this.version = node;
        return;
      }
      this.error('syntax', 'VERSION must be the first command of the Earthfile', node.keyword.range);
      this.body().push(node);
      return;
    }
    const blockKind = spec?.blockKind;
    if (blockKind) {
      this.stack.push({ kind: blockKind, opener: node, docLines, clauses: [{ command: node, body: [] }] });
      return;
    }
    if (role === 'clause' && spec) {
      const owners = spec.clauseOf ?? [];
      let k = this.stack.length - 1;
      while (k >= 0 && !owners.includes(this.stack[k].opener.keyword.text)) k--;
      if (k < 0) {
        const inside = lastOf(this.stack);
        const where = inside ? ` (inside ${inside.opener.keyword.text} opened at line ${this.lineOf(inside.opener.range.start)})` : '';
        this.error('unexpected-clause', `${spec.name} without a matching ${owners.join(' or ')}${where}`, node.keyword.range);
        this.body().push(node);
        return;
      }
      while (this.stack.length - 1 > k) {
        const f = this.stack[this.stack.length - 1];
        this.error(
          'missing-end',
          `expected END to close ${f.opener.keyword.text} opened at line ${this.lineOf(f.opener.range.start)} before ${spec.name}`,
          f.opener.keyword.range,
        );
        this.closeBlock(undefined);
      }
      const frame = this.stack[k];
      const order = clauseOrderError(frame, spec.name);
      if (order) this.error('unexpected-clause', order, node.keyword.range);
      frame.clauses.push({ command: node, body: [] });
      return;
    }
    if (role === 'end') {
      if (this.stack.length === 0) {
        this.error('unexpected-clause', 'END without a matching IF, FOR, WITH DOCKER, WAIT or TRY', node.keyword.range);
        this.body().push(node);
        return;
      }
      this.closeBlock(node);
      return;
    }
    this.body().push(node);
  }

  private closeBlock(end: CommandNode | undefined): void {
    const frame = this.stack.pop() as Frame;
    if (end && !this.item && this.stack.length === 0 && frame.docLines.length > 0) {
      this.carried = frame.docLines;
      this.carriedBlank = false;
    }
    const clauses: ClauseNode[] = frame.clauses.map((c) => {
      const last = lastOf(c.body);
      return { command: c.command, body: c.body, range: { start: c.command.range.start, end: last ? last.range.end : c.command.range.end } };
    });
    const lastClause = clauses[clauses.length - 1];
    const range = { start: frame.opener.range.start, end: end ? end.range.end : lastClause.range.end };
    let node: Mutable<BlockNode>;
    if (frame.kind === 'if') {
      const elseIfs = clauses.filter((c) => c.command.keyword.text === 'ELSE IF');
      const elseClause = clauses.find((c) => c.command.keyword.text === 'ELSE');
      node = { kind: 'if', range, clauses, end, elseIfs, else: elseClause };
    } else if (frame.kind === 'try') {
      const catchClause = clauses.find((c) => c.command.keyword.text === 'CATCH');
      const finallyClause = clauses.find((c) => c.command.keyword.text === 'FINALLY');
      node = { kind: 'try', range, clauses, end, catch: catchClause, finally: finallyClause };
    } else {
      node = { kind: frame.kind, range, clauses, end };
    }
    this.body().push(node);
  }
}

/** The problem with adding clause `name` to `frame` at this point, if any (PAR `ifStmt`, `tryStmt`). */
function clauseOrderError(frame: Frame, name: string): string | undefined {
  const seen = frame.clauses.map((c) => c.command.keyword.text);
  const opened = `${frame.opener.keyword.text}`;
  if (name === 'ELSE IF' || name === 'ELSE') {
    if (seen.includes('ELSE')) return `${name} after ELSE in the same ${opened}`;
  }
  if (name === 'CATCH') {
    if (seen.includes('CATCH')) return 'a TRY may have only one CATCH';
    if (seen.includes('FINALLY')) return 'CATCH must come before FINALLY';
  }
  if (name === 'FINALLY' && seen.includes('FINALLY')) return 'a TRY may have only one FINALLY';
  return undefined;
}

/** True when `s` is exactly a JSON array of strings (RFC 8259 syntax, as Go's decoder accepts). */
function isJsonStringArray(s: string): boolean {
  const n = s.length;
  let i = skipJsonSpace(s, 0);
  if (s.charCodeAt(i) !== 91 /* [ */) return false;
  i = skipJsonSpace(s, i + 1);
  if (s.charCodeAt(i) === 93 /* ] */) return skipJsonSpace(s, i + 1) === n;
  for (;;) {
    if (s.charCodeAt(i) !== CH_DQUOTE) return false;
    i++;
    for (;;) {
      if (i >= n) return false;
      const c = s.charCodeAt(i);
      if (c === CH_DQUOTE) break;
      if (c < 0x20) return false;
      if (c === CH_BACKSLASH) {
        const e = s.charCodeAt(i + 1);
        if (e === 117 /* u */) {
          for (let k = 2; k < 6; k++) {
            const h = s.charCodeAt(i + k);
            const hex = (h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102);
            if (!hex) return false;
          }
          i += 6;
          continue;
        }
        // " \ / b f n r t
        if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) return false;
        i += 2;
        continue;
      }
      i++;
    }
    i = skipJsonSpace(s, i + 1);
    const c = s.charCodeAt(i);
    if (c === 93 /* ] */) return skipJsonSpace(s, i + 1) === n;
    if (c !== 44 /* , */) return false;
    i = skipJsonSpace(s, i + 1);
  }
}

function skipJsonSpace(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else return i;
  }
}

/** `s` for an error message: long words (a 5 MB line is a valid input) are cut. */
function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/**
 * Shared by every command without options (the arrays in the tree are read-only by type). Not frozen:
 * V8 iterates a frozen array with `for … of` through an allocated iterator, even in optimised code,
 * and the checks loop over `flags` of every command.
 */
const NO_FLAGS: FlagNode[] = [];

/** Shared by every statement without a doc comment. */
const NO_LINES: readonly CommentLine[] = [];

/** The options of the many ARG/ENV/LET/SET lines that have none (never kept in the tree). */
const NO_WORDS: readonly ArgNode[] = [];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The last element, without reading index -1 (a slow named-property lookup on arrays). */
function lastOf<T>(a: readonly T[]): T | undefined {
  return a.length > 0 ? a[a.length - 1] : undefined;
}

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 /* _ */ || c === 46 /* . */ || c === 45 /* - */
  );
}

/** Whether the first word can be an option: most command lines have none, and skip `splitFlags`. */
function startsWithDash(words: readonly ArgNode[]): boolean {
  return words.length > 0 && words[0].text.charCodeAt(0) === 45 /* - */;
}

/** Splits options from positional arguments (go-flags rules; see the comment at the top). */
export function splitFlags(spec: CommandSpec | undefined, words: readonly ArgNode[]): { flags: FlagNode[]; args: ArgNode[] } {
  // Most commands have no options: the array is made for the first one.
  let flags: FlagNode[] | undefined;
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    const t = w.text;
    if (t === '--') {
      i++;
      break;
    }
    if (t.length < 2 || t.charCodeAt(0) !== 45 /* - */) break;
    const dashes = t.charCodeAt(1) === 45 ? 2 : 1;
    const body = t.slice(dashes);
    const eq = body.indexOf('=');
    const nameText = eq < 0 ? body : body.slice(0, eq);
    const name = dashes === 2 ? nameText : `-${nameText}`;
    // Source offsets line up with the text unless a continuation sits inside the word.
    const exact = w.range.end - w.range.start === t.length;
    const nameEnd = exact ? w.range.start + dashes + nameText.length : w.range.end;
    const nameRange = { start: w.range.start, end: nameEnd };
    const spec2 = spec && flagOf(spec, name);
    if (eq >= 0) {
      const valueRange = exact ? { start: nameEnd + 1, end: w.range.end } : w.range;
      (flags ??= []).push({ name, nameRange, value: body.slice(eq + 1), valueRange, range: w.range });
    } else if (spec2 && spec2.kind !== 'bool' && i + 1 < words.length) {
      const v = words[i + 1];
      (flags ??= []).push({ name, nameRange, value: v.text, valueRange: v.range, range: { start: w.range.start, end: v.range.end } });
      i++;
    } else {
      (flags ??= []).push({ name, nameRange, value: undefined, valueRange: undefined, range: w.range });
    }
    i++;
  }
  return { flags: flags ?? NO_FLAGS, args: i === 0 ? (words as ArgNode[]) : words.slice(i) };
}
