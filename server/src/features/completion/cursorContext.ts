// What is being typed at an offset: the logical command line around it (line continuations joined),
// split into words up to the cursor, read from the text alone so that it works in files that are
// mid-edit and broken. Comments hold nothing to complete.

import { COMMANDS, commandByName, type CommandSpec } from '../../language/commands';
import {
  CH_BACKSLASH,
  CH_DQUOTE,
  CH_HASH,
  CH_LPAREN,
  CH_RPAREN,
  CH_SQUOTE,
  isBlank,
  isNewline,
  lineEnd,
  skipBlanks,
} from '../../text/characters';
import { continuationEnd, isContinuation } from '../../text/continuations';

/** A word of the command line: `text` is what is written from `start` up to the cursor (or the word's end, if before it). */
export interface TypedWord {
  readonly text: string;
  readonly start: number;
  /** The end of the whole word, past the cursor when the cursor is inside it. */
  readonly end: number;
}

/** The command line at the cursor, split into words; the last word is the one being typed (empty after a blank). */
export interface LineAtCursor {
  /** Where the line's first word starts. */
  readonly lineStart: number;
  /** The line does not start at column 0. */
  readonly indented: boolean;
  readonly words: readonly TypedWord[];
  readonly offset: number;
}

export type CursorContext =
  /** Typing the command keyword: `words` is one word, or two for `SAVE AR`. */
  | { readonly kind: 'keyword'; readonly line: LineAtCursor; readonly start: number; readonly end: number; readonly prefix: string }
  /** Typing an argument of `spec` (undefined for an unknown keyword); `args` are the words after the keyword. */
  | { readonly kind: 'argument'; readonly line: LineAtCursor; readonly keyword: string; readonly spec?: CommandSpec; readonly args: readonly TypedWord[] };

/** The most physical lines a continuation is followed back over (a bound for absurd input). */
const MAX_JOINED_LINES = 500;

/**
 * The longest command line read before the cursor. Real lines are far shorter; on a line of megabytes
 * there is nothing sensible to offer, and splitting it into words would cost a noticeable pause.
 */
const MAX_LINE_LENGTH = 65_536;

/** First words of the multi-word keywords (`SAVE`, `FROM`, `GIT`, `WITH`, `ELSE`). */
const MULTI_WORD_FIRST = new Set(COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.slice(0, c.name.indexOf(' '))));

/** What is typed at `offset` of `text`; undefined inside a comment. */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const line = lineAtCursor(text, offset);
  if (!line) return undefined;
  const words = line.words;
  const first = words[0];
  if (words.length === 1) return { kind: 'keyword', line, start: first.start, end: first.end, prefix: first.text };
  if (words.length === 2 && MULTI_WORD_FIRST.has(first.text)) {
    const prefix = `${first.text} ${words[1].text}`;
    // `FROM alp` names an image and `ELSE x` is wrong anyway; only an upper-case start continues the keyword.
    const continues = /^[A-Z]*$/.test(words[1].text) && COMMANDS.some((c) => c.name.startsWith(prefix));
    if (continues) return { kind: 'keyword', line, start: first.start, end: words[1].end, prefix };
  }
  const two = words.length > 2 ? commandByName(`${first.text} ${words[1].text}`) : undefined;
  const spec = two ?? commandByName(first.text);
  return { kind: 'argument', line, keyword: spec?.name ?? first.text, spec, args: words.slice(two ? 2 : 1) };
}

/** The command line holding `offset`, split into words up to it; undefined when `offset` is in a comment. */
export function lineAtCursor(text: string, offset: number): LineAtCursor | undefined {
  const at = Math.max(0, Math.min(offset, text.length));
  const own = skipBlanks(text, physicalLineStart(text, at));
  if (own < at && text.charCodeAt(own) === CH_HASH) return undefined;
  const start = logicalLineStart(text, at);
  if (at - start > MAX_LINE_LENGTH) return undefined;
  const lineStart = skipBlanks(text, start);
  const words: TypedWord[] = [];
  let p = lineStart;
  while (p < at) {
    const c = text.charCodeAt(p);
    if (isBlank(c)) {
      p++;
    } else if (isContinuation(text, p)) {
      p = continuationEnd(text, p);
    } else if (isNewline(c)) {
      // Only a line break that no continuation joins: the cursor is on the next line (a blank one).
      return undefined;
    } else if (c === CH_HASH) {
      // A `#` at the start of a word opens a comment to the end of its line.
      const end = lineEnd(text, p);
      if (at <= end) return undefined;
      p = end;
    } else {
      const end = wordEnd(text, p, text.length);
      words.push({ text: text.slice(p, Math.min(end, at)), start: p, end });
      p = end;
    }
  }
  const last = words[words.length - 1];
  if (!last || last.end < at) words.push({ text: '', start: at, end: at });
  return { lineStart, indented: lineStart > start, words, offset: at };
}

/** The end of the word starting at `p`: quotes and `$( )` keep blanks inside it (reference §2). */
function wordEnd(text: string, p: number, limit: number): number {
  let quote = 0;
  let depth = 0;
  while (p < limit) {
    const c = text.charCodeAt(p);
    if (isNewline(c)) return p;
    if (quote !== 0) {
      if (c === quote) quote = 0;
      else if (c === CH_BACKSLASH && quote === CH_DQUOTE) p++;
    } else if (c === CH_DQUOTE || c === CH_SQUOTE) {
      quote = c;
    } else if (c === CH_BACKSLASH) {
      if (isContinuation(text, p)) return p;
      p++;
    } else if (c === CH_LPAREN && text.charCodeAt(p - 1) === 36) {
      depth++;
    } else if (c === CH_RPAREN && depth > 0) {
      depth--;
    } else if (isBlank(c) && depth === 0) {
      return p;
    }
    p++;
  }
  return Math.min(p, limit);
}

/** The line `[first, last]` ends with a `\` that continues it: not a comment, and not an escaped `\\`. */
function endsWithContinuation(text: string, first: number, last: number): boolean {
  if (text.charCodeAt(first) === CH_HASH || text.charCodeAt(last) !== CH_BACKSLASH) return false;
  let slashes = 0;
  while (last - slashes >= first && text.charCodeAt(last - slashes) === CH_BACKSLASH) slashes++;
  return slashes % 2 === 1;
}

function physicalLineStart(text: string, p: number): number {
  while (p > 0 && !isNewline(text.charCodeAt(p - 1))) p--;
  return p;
}

/**
 * The start of the command line that `p` is on: back over every line that a continuation joins to
 * it, and the blank or comment-only lines a continuation skips.
 */
function logicalLineStart(text: string, p: number): number {
  let start = physicalLineStart(text, p);
  let probe = start;
  for (let n = 0; n < MAX_JOINED_LINES && probe > 0; n++) {
    const prevEnd = probe - (text.charCodeAt(probe - 1) === 10 && text.charCodeAt(probe - 2) === 13 ? 2 : 1);
    const prevStart = physicalLineStart(text, prevEnd);
    const first = skipBlanks(text, prevStart);
    let last = prevEnd - 1;
    while (last >= first && isBlank(text.charCodeAt(last))) last--;
    if (last >= first && endsWithContinuation(text, first, last)) {
      start = prevStart;
    } else if (!(first >= prevEnd || text.charCodeAt(first) === CH_HASH)) {
      break;
    }
    probe = prevStart;
  }
  return start;
}
