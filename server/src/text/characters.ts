// Characters by code, and the blank and line-break helpers that scan text by `charCodeAt`: shared by
// the parser and the analysis. Line breaks are `\n`, `\r\n` and `\r` (reference §2, line endings).

export const CH_TAB = 9;
export const CH_LF = 10;
export const CH_CR = 13;
export const CH_SPACE = 32;
export const CH_DQUOTE = 34;
export const CH_HASH = 35;
export const CH_DOLLAR = 36;
export const CH_SQUOTE = 39;
export const CH_LPAREN = 40;
export const CH_RPAREN = 41;
export const CH_PLUS = 43;
export const CH_DASH = 45;
export const CH_SLASH = 47;
export const CH_COLON = 58;
export const CH_EQUALS = 61;
export const CH_BACKSLASH = 92;
export const CH_LBRACE = 123;
export const CH_RBRACE = 125;

/** A character that may start a variable name: a letter or `_`. */
export function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** A character that may continue a variable name: a letter, a digit or `_`. */
export function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

export function isBlank(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB;
}

export function isNewline(c: number): boolean {
  return c === CH_LF || c === CH_CR;
}

/** Offset just past the newline starting at `p` (`\r\n` counts as one), or `p` when there is none. */
export function newlineEnd(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (c === CH_LF) return p + 1;
  if (c === CH_CR) return text.charCodeAt(p + 1) === CH_LF ? p + 2 : p + 1;
  return p;
}

/** Offset of the first `\n` or `\r` at or after `p`, or the text length. */
export function lineEnd(text: string, p: number): number {
  const n = text.length;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === CH_LF || c === CH_CR) return p;
    p++;
  }
  return n;
}

/** Offset of the first character at or after `p` that is not a space or tab. */
export function skipBlanks(text: string, p: number): number {
  const n = text.length;
  while (p < n && isBlank(text.charCodeAt(p))) p++;
  return p;
}

/** Whether `text` has a backslash from `from` to `to`. */
export function hasBackslash(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === CH_BACKSLASH) return true;
  return false;
}
