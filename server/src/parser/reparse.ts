// Parsing an edited version of a document from the tree of the version before: when the text that
// changed lies after the first header line, only the lines from the body before the change to the
// next untouched header are parsed again; the targets and functions before them are reused as they
// are and those after them are moved by the change of length. Anything else (an edit in the base
// recipe or on the first header, a continuation or a quote that runs over the next header, a quote
// with no end) falls back to `parse`, so the result is always what `parse` returns.

import { lineEnd, isNewline, newlineEnd } from '../text/characters';
import { lastAtOrBelow } from '../text/sortedSearch';
import { earthfileNode, parse, parseRecipes, scanFactsOf, setScanFacts, type RecipesParse } from './parse';
import { scanBudget } from './scan';
import { shiftItems } from './shift';
import type { DocsNode, FunctionNode, ParseError, ParseResult, TargetNode } from './syntax';

/**
 * The parse of `text`, reusing `previous` (the parse of the version before). The parts of
 * `previous` after the edit are moved in place: `previous` must not be read afterwards.
 */
export function reparse(previous: ParseResult, text: string): ParseResult {
  return reparseRecipes(previous, text) ?? parse(text);
}

/** Where two texts differ: `[start, oldEnd)` of the old one became `[start, newEnd)` of the new one. */
interface Change {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * Below this many characters, the common start or end is found by comparing characters one by one.
 * Above it, halves are compared as strings (natively): at 10,000 lines (330 KB) a change is found in
 * 0.02 ms, against 0.6 ms when 1 KB blocks were compared from the start with `startsWith`.
 */
const BY_CHARACTER = 64;

/** The length of the longest common start of `a` and `b`, at most `max`. */
function commonStart(a: string, b: string, max: number): number {
  let same = 0;
  let upTo = max;
  while (upTo - same > BY_CHARACTER) {
    const middle = (same + upTo) >>> 1;
    if (a.slice(same, middle) === b.slice(same, middle)) same = middle;
    else upTo = middle;
  }
  while (same < upTo && a.charCodeAt(same) === b.charCodeAt(same)) same++;
  return same;
}

/** The length of the longest common end of `a` and `b`, at most `max`. */
function commonEnd(a: string, b: string, max: number): number {
  let same = 0;
  let upTo = max;
  while (upTo - same > BY_CHARACTER) {
    const middle = (same + upTo) >>> 1;
    if (a.slice(a.length - middle, a.length - same) === b.slice(b.length - middle, b.length - same)) same = middle;
    else upTo = middle;
  }
  while (same < upTo && a.charCodeAt(a.length - 1 - same) === b.charCodeAt(b.length - 1 - same)) same++;
  return same;
}

function changeBetween(before: string, after: string): Change {
  const min = Math.min(before.length, after.length);
  const start = commonStart(before, after, min);
  const common = commonEnd(before, after, min - start);
  return { start, oldEnd: before.length - common, newEnd: after.length - common };
}

/** Where the line after the header of `item` starts. */
function bodyStart(text: string, item: TargetNode | FunctionNode): number {
  return newlineEnd(text, lineEnd(text, item.headerRange.end));
}

/** Whether `[from, to)` of `text`, or a character next to it, is a line break (`\r` + `\n` may join). */
function touchesLineBreak(text: string, from: number, to: number): boolean {
  for (let i = Math.max(0, from - 1); i <= to && i < text.length; i++) if (isNewline(text.charCodeAt(i))) return true;
  return false;
}

function sameDocs(now: DocsNode | undefined, before: DocsNode | undefined, delta: number): boolean {
  if (!now || !before) return now === before;
  return now.text === before.text && now.range.start === before.range.start + delta && now.range.end === before.range.end + delta;
}

function moved(e: ParseError, delta: number): ParseError {
  return { code: e.code, message: e.message, range: { start: e.range.start + delta, end: e.range.end + delta } };
}

function reparseRecipes(previous: ParseResult, text: string): ParseResult | undefined {
  const { tree: old, errors } = previous;
  const before = old.text;
  const scanned = scanFactsOf(old);
  // A quote or `$(` with no end was looked for up to the end of the text, over any edit.
  if (typeof text !== 'string' || scanned.failed) return undefined;
  const { start, oldEnd, newEnd } = changeBetween(before, text);
  const delta = text.length - before.length;
  const items = old.items;
  let k = lastAtOrBelow(items.length, (i) => items[i].range.start, start);
  // A change on a header line is parsed from the body before it, where the header's doc comment is read.
  if (k >= 0 && start < Math.max(bodyStart(before, items[k]), bodyStart(text, items[k]))) k--;
  if (k < 0) return undefined;
  const owner = items[k];
  const from = bodyStart(text, owner);
  if (start < from || start < bodyStart(before, owner)) return undefined;
  // The first header after the change: parsing stops there, or at the next one when the change gave it another doc comment.
  const first = Math.max(k + 1, lastAtOrBelow(items.length, (i) => items[i].range.start, oldEnd - 1) + 1);
  let j = first;
  let chunk: RecipesParse | undefined;
  for (;;) {
    const stop = (j < items.length ? items[j].range.start : before.length) + delta;
    chunk = parseRecipes(text, owner, from, stop);
    if (!chunk) return undefined;
    if (j === items.length || sameDocs(chunk.nextDocs, items[j].docs, delta)) break;
    if (j++ > first) return undefined;
  }
  const oldStop = j < items.length ? items[j].range.start : before.length;
  const firstAfter = lastAtOrBelow(errors.length, (i) => errors[i].range.start, oldStop - 1) + 1;
  const after = errors.slice(firstAfter);
  // Some messages name line numbers ("opened at line 12"); they are only reused if no line moved.
  const linesMoved = touchesLineBreak(before, start, oldEnd) || touchesLineBreak(text, start, newEnd);
  if (linesMoved && after.some((e) => /\bline \d/.test(e.message))) return undefined;
  // Past half the budget, a whole parse might run out of it where the parts did not (see scan.ts).
  const work = scanned.work + chunk.scan.work;
  if (work > scanBudget(text.length) / 2) return undefined;

  const rest = items.slice(j);
  if (delta !== 0) shiftItems(rest, delta);
  const kept = errors.slice(0, lastAtOrBelow(errors.length, (i) => errors[i].range.start, from - 1) + 1);
  const tree = earthfileNode(text, old.version, old.baseRecipe, [...items.slice(0, k), ...chunk.items, ...rest]);
  setScanFacts(tree, { work, failed: chunk.scan.failed });
  return { tree, errors: [...kept, ...chunk.errors, ...(delta === 0 ? after : after.map((e) => moved(e, delta)))] };
}
