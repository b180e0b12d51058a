// Maps an offset inside an argument's text to a document offset. The two differ only when a line
// continuation sits inside the word: Earthly removes `\`, the newline and any blank or comment-only
// lines after it from the stored text (reference §2, "line continuation").

import type { ArgNode, Range } from '../parser/syntax';

/** The document offset of character `rel` of `arg.text` (`rel` may equal the text length). */
export function docOffset(source: string, arg: ArgNode, rel: number): number {
  const { start, end } = arg.range;
  if (end - start === arg.text.length) return start + rel;
  let p = start;
  for (let i = 0; i < rel && p < end; i++) {
    p = skipContinuations(source, p) + 1;
  }
  return rel < arg.text.length ? skipContinuations(source, p) : p;
}

/** The document range of `[from, to)` in `arg.text`. */
export function docRange(source: string, arg: ArgNode, from: number, to: number): Range {
  return { start: docOffset(source, arg, from), end: docOffset(source, arg, to) };
}

function skipContinuations(source: string, p: number): number {
  for (;;) {
    const next = continuationEnd(source, p);
    if (next === p) return p;
    p = next;
  }
}

/** If a continuation starts at `p`, the offset after it and after the blank or comment lines that follow. */
function continuationEnd(source: string, p: number): number {
  if (source.charCodeAt(p) !== 0x5c) return p;
  const newline = lineRestEnd(source, p + 1);
  if (newline < 0) return p;
  let q = afterNewline(source, newline);
  for (;;) {
    const r = lineRestEnd(source, q);
    if (r < 0) return q;
    q = afterNewline(source, r);
  }
}

/** From `p`, skips spaces, tabs and a comment; the offset of the newline there, or -1 if something else comes first. */
function lineRestEnd(source: string, p: number): number {
  let q = p;
  while (source.charCodeAt(q) === 0x20 || source.charCodeAt(q) === 0x09) q++;
  if (source.charCodeAt(q) === 0x23) {
    while (q < source.length && !isNewline(source.charCodeAt(q))) q++;
  }
  return isNewline(source.charCodeAt(q)) ? q : -1;
}

function isNewline(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

function afterNewline(source: string, q: number): number {
  return source.charCodeAt(q) === 0x0d && source.charCodeAt(q + 1) === 0x0a ? q + 2 : q + 1;
}
