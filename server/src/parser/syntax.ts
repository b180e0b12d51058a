// The Earthfile syntax tree (reference: shared earthfile-language.md §1, §2, §3, §5).
//
// Every position is a UTF-16 offset into the source text, and every range is half-open
// (`start` inclusive, `end` exclusive). `LineIndex` (text/lineIndex.ts) converts offsets to LSP positions.
// The tree is lossless: `EarthfileNode.tokens` holds every token and every piece of trivia in source
// order, so concatenating their text reproduces the input exactly (see `printLossless` in parse.ts);
// they are recorded by a second parse the first time they are read (or by `parseLossless` at once),
// as a table (`tokenTable`) that the objects are made from.
// Words, keywords and `=` signs built by the parser are their own ranges (`word.range === word`), so a
// range taken from them may carry a `text` too; copy it (`span` in analysis/checks) before handing it on.
// Optional fields of nodes built by the parser are always present, set to `undefined` when absent
// (stable object shapes keep the parser fast); test them by value, not with `in`.

/** A half-open span of UTF-16 offsets into the source. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * Kinds of tokens. Trivia kinds carry no meaning for the AST but are kept for lossless printing:
 * `whitespace` (spaces and tabs), `newline` (`\n`, `\r\n` or `\r`), `comment` (`#` to end of line),
 * `continuation` (a `\` that joins two lines, with the spaces/tabs after it and, when no comment
 * follows on that line, the newline; blank and comment-only lines skipped by the continuation come
 * after it as ordinary `whitespace`/`comment`/`newline` trivia).
 * Significant kinds: `keyword` (one word of a command keyword; `SAVE ARTIFACT` is two keyword tokens
 * with a whitespace token between them), `headerName` and `colon` (a target or function header),
 * `word` (an atom: one argument), `equals` (the `=` of ARG/ENV/LET/SET), `value` (the rest-of-line
 * value of ARG/ENV/LET/SET), `json` (reserved: the exec form is lexed as words, as Earthly does, and
 * recognised on `CommandNode.execMode`), and `error` (text that could not be lexed, e.g. after a
 * header).
 */
export type TokenKind =
  | 'whitespace'
  | 'newline'
  | 'comment'
  | 'continuation'
  | 'keyword'
  | 'headerName'
  | 'colon'
  | 'word'
  | 'equals'
  | 'value'
  | 'json'
  | 'error';

export interface Token extends Range {
  readonly kind: TokenKind;
}

/** Token kinds by their code in `TokenTable.kinds` (the order of `TokenCode` in parse.ts). */
export const TOKEN_KINDS: readonly TokenKind[] = [
  'whitespace',
  'newline',
  'comment',
  'continuation',
  'keyword',
  'headerName',
  'colon',
  'word',
  'equals',
  'value',
  'json',
  'error',
];

/**
 * The tokens of a tree as parallel arrays, `count` long (what `EarthfileNode.tokens` is made from):
 * token i is `TOKEN_KINDS[kinds[i]]` from `starts[i]` to `ends[i]`. Cheaper to scan than the objects.
 */
export interface TokenTable {
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** True for tokens that never carry meaning (whitespace, newlines, comments, continuations). */
export function isTrivia(kind: TokenKind): boolean {
  return kind === 'whitespace' || kind === 'newline' || kind === 'comment' || kind === 'continuation';
}

/** A syntax error with a stable code and the range it applies to. */
export interface ParseError {
  readonly code: ParseErrorCode;
  readonly message: string;
  readonly range: Range;
}

export type ParseErrorCode =
  /** An indented line outside any target or function (reference §1). */
  | 'leading-whitespace'
  /** A command at column 0 after a target or function header (recipe lines must be indented). */
  | 'missing-indent'
  /** A header that is not at column 0, or whose name is not a valid target or function name. */
  | 'invalid-header'
  /** A keyword that is not in the command table, e.g. `SAVE  ARTIFACT` with two spaces. */
  | 'unknown-command'
  /** A block (IF, FOR, WITH DOCKER, WAIT, TRY) with no closing END. */
  | 'missing-end'
  /** END, ELSE, ELSE IF, CATCH or FINALLY with no matching open block. */
  | 'unexpected-clause'
  /** A quote or `$(` that is not closed before the end of the command. */
  | 'unterminated'
  /** VERSION not as the first command, or a malformed key/value command. */
  | 'syntax';

/** One word of a command line (an atom), exactly as `earthly debug ast` reports it. */
export interface ArgNode {
  /**
   * The argument as Earthly stores it: quotes kept, line continuations removed (kept as written in
   * IF, ELSE IF and FOR, see `CommandSpec.keepsContinuations`). For the JSON exec form, the decoded
   * string of the array element.
   */
  readonly text: string;
  /** The source span, including any quotes and line continuations inside the word. */
  readonly range: Range;
}

/** An option given before the positional arguments (go-flags rules, reference §4). */
export interface FlagNode {
  /**
   * The name in the convention of `FlagSpec.name` in language/commands.ts: long flags without the
   * dashes (`push`), single-dash flags with their dash (`-f`).
   */
  readonly name: string;
  /** Span of the flag name including its dashes, without `=value`. */
  readonly nameRange: Range;
  /** The value: after `=` in the same word, or the next word for flags that take a value. */
  readonly value?: string;
  readonly valueRange?: Range;
  /** Span from the dashes to the end of the value. */
  readonly range: Range;
}

/** The keyword of a command line; multi-word keywords are joined by one space (`SAVE ARTIFACT`). */
export interface KeywordNode {
  readonly text: string;
  readonly range: Range;
}

/**
 * Doc comment: the block of comment lines directly above a command (block openers included) or a
 * target header; for the first statement of a recipe, every comment line since the header.
 */
export interface DocsNode {
  /** As Earthly stores it: `#` stripped, common leading whitespace stripped, each line `\n`-ended. */
  readonly text: string;
  readonly range: Range;
}

/** One command line (including the lines of a block: `IF …`, `ELSE`, `END`, …). */
export interface CommandNode {
  readonly kind: 'command';
  /** From the start of the keyword to the end of the last argument (no trailing comment). */
  readonly range: Range;
  readonly keyword: KeywordNode;
  /** False when the keyword is not in the command table (an `unknown-command` error was reported). */
  readonly known: boolean;
  /** Options before the positional arguments. */
  readonly flags: readonly FlagNode[];
  /** Positional arguments: `rawArgs` minus the flags, their values and a `--` terminator. */
  readonly args: readonly ArgNode[];
  /**
   * All arguments unsplit, as `earthly debug ast` lists them. For ARG/ENV/LET/SET these are
   * `[flags…, key]`, `[flags…, key, =]` or `[flags…, key, =, value]` (the value is the rest of the line).
   */
  readonly rawArgs: readonly ArgNode[];
  /** True when the arguments were written as a JSON string array (RUN, CMD, ENTRYPOINT, VOLUME, IF, ELSE IF). */
  readonly execMode: boolean;
  readonly docs?: DocsNode;
  /** For ARG, ENV, LET and SET: the key, the `=` (when written) and the value. */
  readonly keyValue?: KeyValueNode;
}

/** The parts of an ARG/ENV/LET/SET line (reference §2, key/value commands). */
export interface KeyValueNode {
  /** The variable name, exactly as written. */
  readonly key: ArgNode;
  /** The `=` sign, when written (`ENV K V` has none). */
  readonly equals?: Range;
  /**
   * The value as Earthly stores it: after `=`, the rest of the line from the first to the last word,
   * inner whitespace kept and line continuations (with the indentation after them) removed; the empty
   * string for `ARG K=` and `ENV K=`; for `ENV K a b` the words joined without spaces, as Earthly does.
   */
  readonly value?: ArgNode;
}

/** A clause of a block: its opening command line and the statements under it. */
export interface ClauseNode {
  readonly command: CommandNode;
  readonly body: readonly Statement[];
  /** From the clause's keyword to the end of its last statement. */
  readonly range: Range;
}

interface BlockBase {
  /** From the opener's keyword to the end of END (or of the last statement when END is missing). */
  readonly range: Range;
  /** Every clause in source order; `clauses[0]` is the opener. */
  readonly clauses: readonly ClauseNode[];
  /** The END line; absent when missing (a `missing-end` error was reported). */
  readonly end?: CommandNode;
}

export interface WithNode extends BlockBase {
  readonly kind: 'with';
}

export interface IfNode extends BlockBase {
  readonly kind: 'if';
  readonly elseIfs: readonly ClauseNode[];
  readonly else?: ClauseNode;
}

export interface ForNode extends BlockBase {
  readonly kind: 'for';
}

export interface WaitNode extends BlockBase {
  readonly kind: 'wait';
}

export interface TryNode extends BlockBase {
  readonly kind: 'try';
  readonly catch?: ClauseNode;
  readonly finally?: ClauseNode;
}

export type BlockNode = WithNode | IfNode | ForNode | WaitNode | TryNode;
export type Statement = CommandNode | BlockNode;

/** A target (`name:`) or a function (`NAME:`) with its indented recipe. */
export interface RecipeOwnerBase {
  readonly name: string;
  readonly nameRange: Range;
  /** The name and the colon. */
  readonly headerRange: Range;
  /** From the header to the end of the last statement of the recipe. */
  readonly range: Range;
  readonly recipe: readonly Statement[];
  /** Comment lines directly above the header (Earthly keeps these only for targets). */
  readonly docs?: DocsNode;
}

export interface TargetNode extends RecipeOwnerBase {
  readonly kind: 'target';
}

export interface FunctionNode extends RecipeOwnerBase {
  readonly kind: 'function';
}

export interface EarthfileNode {
  readonly kind: 'earthfile';
  /** The source text the tree was parsed from. */
  readonly text: string;
  readonly range: Range;
  /** The `VERSION` line, when it is the first command of the file. */
  readonly version?: CommandNode;
  /** Commands at column 0 before the first header (the implicit `base` target). */
  readonly baseRecipe: readonly Statement[];
  readonly targets: readonly TargetNode[];
  readonly functions: readonly FunctionNode[];
  /** Targets and functions in source order. */
  readonly items: readonly (TargetNode | FunctionNode)[];
  /** Every token and piece of trivia, contiguous and in source order (made on first read). */
  readonly tokens: readonly Token[];
  /** The same tokens as a table (made on first read, or by `parseLossless`). */
  readonly tokenTable: TokenTable;
}

export interface ParseResult {
  readonly tree: EarthfileNode;
  readonly errors: readonly ParseError[];
}
