// One command line in canonical form: indented by its depth, one space between its words, `=` of
// ARG/ENV/LET/SET/LABEL written without spaces (`K=v`, as Earthly's documentation writes them), one
// space before a trailing comment, continuation lines one unit deeper than the command.
//
// What Earthly keeps is written as it was: the text of each word (quotes, escapes), the spacing inside
// an ARG/ENV/LET/SET value, and a continuation glued to a word (`a\⏎b` is the word `ab`). Inside
// words and values, the indentation after a continuation changes only when the argument stays the
// same text (Earthly removes it, except in IF, ELSE IF and FOR words and in LABEL).
import { commandByName } from '../../language/commands';
import { hasBackslash, skipBlanks } from '../../text/characters';
import { continuationMatch, removeContinuations } from '../../text/continuations';
import { TOKEN_KINDS, type TokenKind, type TokenTable } from '../../parser';
import { continuationText } from './continuationText';
import type { CommandLine } from './logicalLines';
import type { SplicedText } from './splicedText';
import { blanksTrimmedEnd, type Style } from './style';

/** What the formatter keeps apart: a word, an `=`, or the value of ARG/ENV/LET/SET. */
const enum Unit {
  Word,
  Equals,
  Value,
}

/**
 * The units of the line being written, three numbers each (kind, start, end): reused from line to
 * line, as an object per unit made 2.9 MB of the 20 MB that formatting the 10,000-line benchmark file allocated.
 */
const units: number[] = [];

/** Writes the line `line` of `out.source` in canonical form, with its line ending, to `out`. */
export function writeCommand(out: SplicedText, tokens: TokenTable, line: CommandLine, style: Style): void {
  const text = out.source;
  const { command, depth } = line.place;
  const indent = style.unit.repeat(depth);
  const deeper = indent + style.unit;
  const count = unitsOf(tokens, line);
  const spec = command.known ? commandByName(command.keyword.text) : undefined;
  // Arguments that keep their continuations as written: LABEL pairs, the key of ARG/ENV/LET/SET, IF/FOR words.
  const verbatim = spec?.keepsContinuations === true || spec?.args === 'pairs';
  const key = command.keyValue?.key.range.start;
  const keyword = command.keyword.range;
  out.replace(line.start, keyword.start, indent);
  out.replace(keyword.start, keyword.end, command.keyword.text);
  let prevKind = -1;
  let prevEnd = keyword.end;
  for (let i = 0; i < count * 3; i += 3) {
    const kind = units[i];
    const start = units[i + 1];
    const end = units[i + 2];
    writeGap(out, prevEnd, start, prevKind === Unit.Equals || kind === Unit.Equals, style, deeper);
    if (verbatim || start === key || kind === Unit.Equals || !hasBackslash(text, start, end)) out.copy(start, end);
    else out.replace(start, end, argumentText(text.slice(start, end), style, deeper));
    prevKind = kind;
    prevEnd = end;
  }
  writeTrailing(out, prevEnd, line.contentEnd, style, deeper);
  out.put(style.nl);
  // The units of a line of thousands of words are not kept after it.
  if (units.length > 3 * 1024) units.length = 0;
}

/**
 * Fills `units` with the units of a command line after its keyword and returns their number. A
 * continuation right after a word's text (no blank before the `\`) joins the next line's text to that
 * word; an ARG/ENV/LET/SET value after `=` is one unit, inner spacing and all, from its first word (a
 * value that starts with a continuation, `K=\⏎v`, is the value after it: the continuation goes with the gap).
 */
function unitsOf(tokens: TokenTable, line: CommandLine): number {
  const { kinds, starts, ends } = tokens;
  const command = line.place.command;
  const keywordEnd = command.keyword.range.end;
  const kv = command.keyValue;
  const value = kv?.equals && kv.value ? kv.value.range : undefined;
  const valueStart = value && value.end > value.start ? value.start : -1;
  const valueEnd = value ? value.end : -1;
  let count = 0;
  let valueWritten = valueStart < 0;
  let joined = false;
  let prevKind: TokenKind | undefined;
  let prevEnd = -1;
  for (let i = line.first; i <= line.last; i++) {
    const kind = TOKEN_KINDS[kinds[i]];
    const start = starts[i];
    const end = ends[i];
    if (start < keywordEnd) continue;
    if (kind === 'word' || kind === 'value' || kind === 'json' || kind === 'equals') {
      if (!valueWritten && start >= valueStart) {
        count = pushUnit(count, Unit.Value, start < valueEnd ? start : valueStart, valueEnd);
        valueWritten = true;
      }
      if (valueStart >= 0 && start >= valueStart && end <= valueEnd) {
        // Part of the value, written whole.
      } else if (kind === 'equals') {
        count = pushUnit(count, Unit.Equals, start, end);
      } else if (joined && count > 0) {
        units[count * 3 - 1] = end;
      } else {
        count = pushUnit(count, Unit.Word, start, end);
      }
      joined = false;
    } else if (kind === 'continuation' && (prevKind === 'word' || prevKind === 'value') && prevEnd === start) {
      joined = true;
    }
    prevKind = kind;
    prevEnd = end;
  }
  return valueWritten ? count : pushUnit(count, Unit.Value, valueStart, valueEnd);
}

/** Sets unit `count` of `units` and returns the new count. */
function pushUnit(count: number, kind: Unit, start: number, end: number): number {
  units[count * 3] = kind;
  units[count * 3 + 1] = start;
  units[count * 3 + 2] = end;
  return count + 1;
}

/** Writes what separates two units: one space, nothing around `=`, or continuations as they were placed. */
function writeGap(out: SplicedText, from: number, to: number, nextToEquals: boolean, style: Style, deeper: string): void {
  if (from === to) return;
  const text = out.source;
  const b = skipBlanks(text, from);
  if (b >= to) {
    if (!nextToEquals) out.put(' ');
    return;
  }
  const lines = continuationText(text.slice(b, to), style, deeper);
  if (lines === undefined) {
    out.copy(from, to);
    return;
  }
  // A `\` glued to a word's text joins the next line to it; after `=` it separates either way.
  if (b > from || nextToEquals) out.put(' ');
  out.put(lines);
  out.put(deeper);
}

/** Writes what follows the last unit: a comment, or continuations that run to the end of the file. */
function writeTrailing(out: SplicedText, from: number, to: number, style: Style, deeper: string): void {
  const text = out.source;
  const b = skipBlanks(text, from);
  if (b >= to) return;
  if (text.charCodeAt(b) === 35 /* # */) {
    out.put(' ');
    out.copy(b, blanksTrimmedEnd(text, b, to));
    return;
  }
  const lines = continuationText(text.slice(b, to), style, deeper);
  if (lines === undefined) {
    out.copy(from, to);
    return;
  }
  if (b > from) out.put(' ');
  out.put(lines.endsWith(style.nl) ? lines.slice(0, -style.nl.length) : lines);
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
