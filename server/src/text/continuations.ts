// Line continuations (reference §2): where one starts and ends in the source, and Earthly's removal of
// them from argument text. Shared by the parser and the analysis.
//
// The rule follows the fragment of earthly `ast/parser/EarthLexer.g4`:
//   LC   '\' ( [ \t]* newline | [ \t]* comment )+

import { CH_BACKSLASH, CH_CR, CH_HASH, CH_LF, isBlank, isNewline, lineEnd, newlineEnd, skipBlanks } from './characters';

/**
 * True when a line continuation starts at `p`: a `\` followed by optional spaces/tabs and then a
 * newline, a comment, or the end of the file. At the end of the file it continues nothing: EB reads
 * it so, earthly's lexer refuses it (the syntax checks report that).
 */
export function isContinuation(text: string, p: number): boolean {
  if (text.charCodeAt(p) !== CH_BACKSLASH) return false;
  const q = skipBlanks(text, p + 1);
  const c = text.charCodeAt(q);
  return c === CH_LF || c === CH_CR || c === CH_HASH || q === text.length;
}

/**
 * The end of the continuation starting at `p` (see `isContinuation`): past the backslash's own line
 * and every following line that is blank or comment-only. Leading blanks of the next content line
 * are not included.
 */
export function continuationEnd(text: string, p: number): number {
  const n = text.length;
  let q = lineEnd(text, p + 1);
  q = newlineEnd(text, q);
  // Skip blank and comment-only lines (NL_NOLC+ in the grammar).
  while (q < n) {
    const r = skipBlanks(text, q);
    const c = text.charCodeAt(r);
    if (c === CH_LF || c === CH_CR) {
      q = newlineEnd(text, r);
    } else if (c === CH_HASH) {
      const e = lineEnd(text, r);
      q = e < n ? newlineEnd(text, e) : e;
    } else {
      break;
    }
  }
  return q;
}

/**
 * Removes line continuations from an argument's text the way Earthly's listener does
 * (`replaceEscape`): a `\`, optional blanks, an optional comment, a `\n` or `\r\n`, the blanks after
 * it, and any further comment-only or blank lines with their leading blanks. A `\` and blanks that end
 * the text end the file (in a word, a lone `\` is followed by something anywhere else).
 */
export function removeContinuations(s: string): string {
  let i = s.indexOf('\\');
  if (i < 0) return s;
  const n = s.length;
  let out = '';
  let last = 0;
  while (i >= 0 && i < n) {
    const end = continuationMatch(s, i);
    if (end > i) {
      out += s.slice(last, i);
      last = end;
      i = s.indexOf('\\', end);
    } else {
      // `\x` escapes x, a backslash too.
      i = s.indexOf('\\', i + 2);
    }
  }
  return out + s.slice(last);
}

/**
 * End of the continuation pattern at `i` (see `removeContinuations`): past the blanks that start the
 * next content line, or `i` when none matches.
 */
export function continuationMatch(s: string, i: number): number {
  const n = s.length;
  let p = i + 1;
  while (p < n && isBlank(s.charCodeAt(p))) p++;
  if (p === n) return n;
  if (s.charCodeAt(p) === CH_HASH) {
    while (p < n && !isNewline(s.charCodeAt(p))) p++;
  }
  let q = crlfOrLf(s, p);
  if (q === p) return i;
  for (;;) {
    while (q < n && isBlank(s.charCodeAt(q))) q++;
    let r = q;
    if (s.charCodeAt(r) === CH_HASH) {
      while (r < n && !isNewline(s.charCodeAt(r))) r++;
    }
    const e = crlfOrLf(s, r);
    if (e === r) return q;
    q = e;
  }
}

function crlfOrLf(s: string, p: number): number {
  const c = s.charCodeAt(p);
  if (c === CH_LF) return p + 1;
  if (c === CH_CR && s.charCodeAt(p + 1) === CH_LF) return p + 2;
  return p;
}

/**
 * Whether a line continuation ends later for the lexer than for Earthly's removal (see
 * `removeContinuations`), which then leaves part of it in the word it is written in: a lone `\r` (a
 * line break to the lexer; the removal takes only `\n` and `\r\n`), or a comment that ends the file
 * without a line break. A continuation between words leaves nothing, but a word goes on across
 * continuations (`a\⏎\⏎`), so every one is looked at. Linear in the length of `text`.
 */
export function hasContinuationKept(text: string): boolean {
  for (let p = text.indexOf('\\'); p >= 0; p = text.indexOf('\\', p + 1)) {
    if (!isContinuation(text, p)) continue;
    const end = continuationEnd(text, p);
    if (continuationMatch(text, p) < end) return true;
    p = Math.max(p, end - 1);
  }
  return false;
}
