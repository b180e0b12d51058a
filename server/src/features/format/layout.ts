// The file laid out line by line: each logical line in canonical form at its depth, comment lines
// indented like the statement they belong to, at most one blank line between statements, none at the
// start of a body or before its END, exactly one between recipes, and a final line ending.
//
// Comments and blank lines also make doc comments (parse.ts, `docLines`), which the AST shows, so the
// layout keeps what decides them:
// - a comment directly above a header documents it when it is at column 0 and the line before the
//   comments is indented, and always when that line is not: the blank line between recipes goes
//   above the documenting comments, and documenting comments go to column 0;
// - between a header and its first statement, only indented comments document the statement:
//   comments at column 0 there stay at column 0;
// - after the END of a block of the base recipe that has a doc comment, two blank lines drop that
//   comment instead of passing it on to the next header, so there up to two are kept.
import type { TokenTable } from '../../parser';
import { writeCommand } from './commandText';
import type { CommandLine, CommentLine, HeaderLine, LogicalLine } from './logicalLines';
import { SplicedText } from './splicedText';
import { blanksTrimmedEnd, type Style } from './style';

/** A span of the source and the text that replaces it; the pieces of a layout cover the source in order. */
export interface Piece {
  /** A logical line, or blank lines (a run of them, or one inserted where `start` = `end`). */
  readonly kind: 'line' | 'blanks';
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The formatted text, and the pieces it is made of: one per non-blank line, and one per run of blank
 * lines or blank line inserted.
 */
export function layOut(source: string, tokens: TokenTable, lines: readonly LogicalLine[], style: Style): { text: string; pieces: Piece[] } {
  const docs = headerDocs(lines);
  const next = nextStatements(lines);
  const pieces: Piece[] = [];
  const out = new SplicedText(source);
  let blankStart = -1;
  let blanks = 0;
  let previous: LogicalLine | undefined;
  let inItem = false;
  let beforeFirstStatement = false;
  let maxBlanks = 1;
  lines.forEach((line, i) => {
    if (line.kind === 'blank') {
      if (blankStart < 0) blankStart = line.start;
      blanks++;
      return;
    }
    let kept = Math.min(blanks, maxBlanks);
    if (!previous) kept = 0;
    else if (docs.separators.has(i)) kept = Math.max(kept, 1);
    else if (startsBody(previous) || (line.kind === 'command' && endsBody(line))) kept = 0;
    if (blankStart >= 0 || kept > 0) {
      pieces.push({ kind: 'blanks', start: blankStart >= 0 ? blankStart : line.start, end: line.start, text: style.nl.repeat(kept) });
    }

    if (line.kind === 'command') {
      writeCommand(out, tokens, line, style);
      beforeFirstStatement = false;
      maxBlanks = line.place.passesDocs ? 2 : 1;
    } else if (line.kind === 'header') {
      writeHeader(out, line, style);
      inItem = true;
      beforeFirstStatement = true;
      maxBlanks = 1;
    } else {
      const depth = docs.columnZero.has(i) ? 0 : commentDepth(line, next[i], inItem, beforeFirstStatement);
      out.replace(line.start, line.comment.start, style.unit.repeat(depth));
      out.copy(line.comment.start, blanksTrimmedEnd(source, line.comment.start, line.comment.end));
      out.put(style.nl);
    }
    pieces.push({ kind: 'line', start: line.start, end: line.end, text: out.take() });
    previous = line;
    blankStart = -1;
    blanks = 0;
  });
  if (blankStart >= 0) pieces.push({ kind: 'blanks', start: blankStart, end: source.length, text: '' });
  // Joined, not concatenated: the AST check parses the text, and a flat string parses in 3 ms where the
  // rope of 10,000 lines took 5.
  return { text: pieces.map((p) => p.text).join(''), pieces };
}

/**
 * The depth of a comment line: that of the statement below it (one more before ELSE, ELSE IF, CATCH,
 * FINALLY or END), except at column 0 before the first statement of a recipe; with no statement
 * below in its recipe, the recipe's depth, or column 0 if it was there.
 */
function commentDepth(line: CommentLine, statement: CommandLine | undefined, inItem: boolean, beforeFirstStatement: boolean): number {
  if (statement === undefined) return inItem && line.indented ? 1 : 0;
  if (beforeFirstStatement && !line.indented) return 0;
  return endsBody(statement) ? statement.place.depth + 1 : statement.place.depth;
}

function writeHeader(out: SplicedText, line: HeaderLine, style: Style): void {
  out.copy(line.item.headerRange.start, line.item.headerRange.end);
  if (line.comment) {
    out.put(' ');
    out.copy(line.comment.start, blanksTrimmedEnd(out.source, line.comment.start, line.comment.end));
  }
  out.put(style.nl);
}

/** A header, or the first line of a block or of one of its clauses: blank lines after it go. */
function startsBody(line: LogicalLine): boolean {
  return line.kind === 'header' || (line.kind === 'command' && (line.place.role === 'opener' || line.place.role === 'clause'));
}

/** ELSE, ELSE IF, CATCH, FINALLY or END: blank lines before it go. */
function endsBody(line: CommandLine): boolean {
  return line.place.role === 'clause' || line.place.role === 'end';
}

/** For each comment line, the command line after it in the same recipe (no header between), if any. */
function nextStatements(lines: readonly LogicalLine[]): (CommandLine | undefined)[] {
  const next: (CommandLine | undefined)[] = new Array(lines.length);
  let after: CommandLine | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line.kind === 'command') after = line;
    else if (line.kind === 'header') after = undefined;
    next[i] = after;
  }
  return next;
}

/**
 * Where the blank line before each header goes (above the comments that document it), and which
 * comment lines must be at column 0 to keep documenting their header.
 */
function headerDocs(lines: readonly LogicalLine[]): { separators: Set<number>; columnZero: Set<number> } {
  const separators = new Set<number>();
  const columnZero = new Set<number>();
  let lastCommandIndented = false;
  lines.forEach((line, i) => {
    if (line.kind === 'command') lastCommandIndented = line.indented;
    if (line.kind !== 'header') return;
    // The comment lines directly above the header.
    let top = i;
    while (top > 0 && lines[top - 1].kind === 'comment') top--;
    // After an indented line, only the column-0 comments at the bottom document the header.
    let from = top;
    if (lastCommandIndented) {
      from = i;
      while (from > top && !lines[from - 1].indented) from--;
    }
    for (let k = from; k < i; k++) columnZero.add(k);
    separators.add(from);
    lastCommandIndented = false;
  });
  return { separators, columnZero };
}
