// One command line in canonical form: indented by its depth, one space between its words, `=` of
// ARG/ENV/LET/SET/LABEL written without spaces (`K=v`, as Earthly's documentation writes them), one
// space before a trailing comment, continuation lines one unit deeper than the command.
//
// What Earthly keeps is written as it was: the text of each word (quotes, escapes), the spacing inside
// an ARG/ENV/LET/SET value, and a continuation glued to a word (`a\⏎b` is the word `ab`). Inside
// words and values, the indentation after a continuation changes only when the argument stays the
// same text (Earthly removes it, except in IF, ELSE IF and FOR words and in LABEL).
import { commandByName } from '../../language/commands';
import { skipBlanks } from '../../text/characters';
import { continuationMatch, removeContinuations } from '../../text/continuations';
import { TOKEN_KINDS, type TokenKind, type TokenTable } from '../../parser';
import { continuationText } from './continuationText';
import type { CommandLine } from './logicalLines';
import { trimBlanksEnd, type Style } from './style';

/** A word, an `=`, or the value of ARG/ENV/LET/SET: source spans the formatter keeps apart. */
interface Unit {
  readonly kind: 'word' | 'equals' | 'value';
  readonly start: number;
  end: number;
}

/** The line `line` of `text` in canonical form, with its line ending. */
export function commandText(text: string, tokens: TokenTable, line: CommandLine, style: Style): string {
  const { command, depth } = line.place;
  const indent = style.unit.repeat(depth);
  const deeper = indent + style.unit;
  const units = unitsOf(tokens, line);
  const spec = command.known ? commandByName(command.keyword.text) : undefined;
  // Arguments that keep their continuations as written: LABEL pairs, the key of ARG/ENV/LET/SET, IF/FOR words.
  const verbatim = spec?.keepsContinuations === true || spec?.args === 'pairs';
  const key = command.keyValue?.key.range.start;
  let out = indent + command.keyword.text;
  let prev: Unit | undefined;
  let prevEnd = command.keyword.range.end;
  for (const u of units) {
    out += gapText(text.slice(prevEnd, u.start), prev?.kind === 'equals' || u.kind === 'equals', style, deeper);
    const raw = text.slice(u.start, u.end);
    out += verbatim || u.start === key || u.kind === 'equals' ? raw : argumentText(raw, style, deeper);
    prev = u;
    prevEnd = u.end;
  }
  return out + trailingText(text.slice(prevEnd, line.contentEnd), style, deeper) + style.nl;
}

/**
 * The units of a command line after its keyword. A continuation right after a word's text (no blank
 * before the `\`) joins the next line's text to that word; an ARG/ENV/LET/SET value after `=` is one
 * unit, inner spacing and all.
 */
function unitsOf(tokens: TokenTable, line: CommandLine): Unit[] {
  const { kinds, starts, ends } = tokens;
  const command = line.place.command;
  const keywordEnd = command.keyword.range.end;
  const units: Unit[] = [];
  let joined = false;
  let prevKind: TokenKind | undefined;
  let prevEnd = -1;
  for (let i = line.first; i <= line.last; i++) {
    const kind = TOKEN_KINDS[kinds[i]];
    const start = starts[i];
    if (start < keywordEnd) continue;
    if (kind === 'word' || kind === 'value' || kind === 'json') {
      if (joined && units.length > 0) units[units.length - 1].end = ends[i];
      else units.push({ kind: 'word', start, end: ends[i] });
      joined = false;
    } else if (kind === 'equals') {
      units.push({ kind: 'equals', start, end: ends[i] });
      joined = false;
    } else if (kind === 'continuation' && (prevKind === 'word' || prevKind === 'value') && prevEnd === start) {
      joined = true;
    }
    prevKind = kind;
    prevEnd = ends[i];
  }
  const kv = command.keyValue;
  const value = kv?.equals && kv.value;
  if (!value || value.range.end <= value.range.start) return units;
  const { start, end } = value.range;
  const before = units.filter((u) => u.end <= start);
  const inside = units.filter((u) => u.start >= start && u.end <= end);
  const after = units.filter((u) => u.start >= end);
  // A value that starts with a continuation (`K=\⏎v`) is the value after it: the continuation goes with the gap.
  return [...before, { kind: 'value', start: inside.length > 0 ? inside[0].start : start, end }, ...after];
}

/** What separates two units: one space, nothing around `=`, or continuations as they were placed. */
function gapText(raw: string, nextToEquals: boolean, style: Style, deeper: string): string {
  if (raw === '') return '';
  const b = skipBlanks(raw, 0);
  if (b === raw.length) return nextToEquals ? '' : ' ';
  const lines = continuationText(raw.slice(b), style, deeper);
  if (lines === undefined) return raw;
  // A `\` glued to a word's text joins the next line to it; after `=` it separates either way.
  return (b > 0 || nextToEquals ? ' ' : '') + lines + deeper;
}

/** What follows the last unit: a comment, or continuations that run to the end of the file. */
function trailingText(raw: string, style: Style, deeper: string): string {
  const b = skipBlanks(raw, 0);
  if (b === raw.length) return '';
  if (raw.charCodeAt(b) === 35 /* # */) return ` ${trimBlanksEnd(raw.slice(b))}`;
  const lines = continuationText(raw.slice(b), style, deeper);
  if (lines === undefined) return raw;
  const text = (b > 0 ? ' ' : '') + lines;
  return text.endsWith(style.nl) ? text.slice(0, -style.nl.length) : text;
}

/**
 * A word or value with the continuations inside it (in quotes, in `$( )`, or glued to its text) in
 * canonical form, when that leaves its text as Earthly reads it unchanged; else as written.
 */
function argumentText(raw: string, style: Style, deeper: string): string {
  let i = raw.indexOf('\\');
  if (i < 0) return raw;
  let out = '';
  let last = 0;
  while (i >= 0 && i < raw.length) {
    const end = continuationMatch(raw, i);
    if (end === i) {
      // `\x` escapes x, a backslash too.
      i = raw.indexOf('\\', i + 2);
      continue;
    }
    const lines = continuationText(raw.slice(i, end), style, deeper);
    // A continuation that ends the text has no line after it to indent.
    if (lines !== undefined && lines.endsWith(style.nl)) {
      out += raw.slice(last, i) + lines + deeper;
      last = end;
    }
    i = raw.indexOf('\\', end);
  }
  const result = out + raw.slice(last);
  return result === raw || removeContinuations(result) !== removeContinuations(raw) ? raw : result;
}
