// Maps an offset inside an argument's text to a document offset. The two differ only when a line
// continuation sits inside the word: Earthly removes it from the stored text (reference §2).

import { skipBlanks } from '../text/characters';
import { continuationEnd, isContinuation } from '../text/continuations';
import type { ArgNode, Range } from '../parser';

/** The document offset of character `rel` of `arg.text` (`rel` may equal the text length). */
export function docOffset(source: string, arg: ArgNode, rel: number): number {
  const { start, end } = arg.range;
  if (end - start === arg.text.length) return start + rel;
  let p = start;
  for (let i = 0; i < rel && p < end; i++) p = skipContinuations(source, p) + 1;
  return rel < arg.text.length ? skipContinuations(source, p) : p;
}

/** The document range of `[from, to)` in `arg.text`. */
export function docRange(source: string, arg: ArgNode, from: number, to: number): Range {
  return { start: docOffset(source, arg, from), end: docOffset(source, arg, to) };
}

/** Past the continuations at `p` and the indentation after them, which Earthly removes with them. */
function skipContinuations(source: string, p: number): number {
  while (isContinuation(source, p)) p = skipBlanks(source, continuationEnd(source, p));
  return p;
}
