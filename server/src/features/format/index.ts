// `earthfile fmt` and the editor's Format Document / Format Selection: one canonical layout of an
// Earthfile (README, Formatting), built on the lossless syntax tree. A file with syntax errors is not
// formatted, and neither is one whose formatted text would not have the same AST (`earthfile ast`):
// the check runs on every result, so a mistake in a layout rule can never change what a build does.
import { parseLossless, type EarthfileNode, type ParseError, type Range } from '../../parser';
import { layOut, type Piece } from './layout';
import { logicalLines } from './logicalLines';
import { placesOf } from './places';
import { sameAst } from './sameAst';
import { lineEnding } from '../../analysis/checks/textLayout';
import { hasContinuationKept } from '../../text/continuations';
import { errorMessage } from '../../../../shared/src/errorMessage';

export type { Piece } from './layout';
export { indentUnit, type EditorIndent } from './style';

/**
 * Why a file is left as it is when Earthly would keep part of a line continuation in a word (a lone
 * `\r`, or a comment that ends the file), or would once formatted: no layout keeps the build the same.
 */
export const CONTINUATION_KEPT = 'a line continuation ends in a lone carriage return or at the end of the file, and Earthly keeps it in the word';

/** Blocks nested deeper than this are not formatted: their indentation alone would make a huge file. */
export const MAX_FORMAT_DEPTH = 100;

export type FormatOutcome =
  | {
      readonly kind: 'formatted';
      readonly text: string;
      /** How the text is made from the source: for edits, ranges and diffs. */
      readonly pieces: readonly Piece[];
    }
  | { readonly kind: 'syntax-errors'; readonly errors: readonly ParseError[] }
  /** Left as it is for another reason, which `reason` gives. */
  | { readonly kind: 'refused'; readonly reason: string };

/** Formats the text of an Earthfile, indenting by `unit` (spaces or a tab). Never throws. */
export function formatText(text: string, unit: string): FormatOutcome {
  const { tree, errors } = parseLossless(text);
  return formatTree(tree, errors, unit);
}

/** Formats a parsed Earthfile (`errors` are its syntax errors). Never throws. */
export function formatTree(tree: EarthfileNode, errors: readonly ParseError[], unit: string): FormatOutcome {
  if (errors.length > 0) return { kind: 'syntax-errors', errors };
  if (hasContinuationKept(tree.text)) return refused(CONTINUATION_KEPT);
  try {
    const places = placesOf(tree, MAX_FORMAT_DEPTH);
    if (!places) return refused(`blocks are nested deeper than ${MAX_FORMAT_DEPTH} levels`);
    const lines = logicalLines(tree, places);
    if (!lines) return refused('the syntax tree does not cover the text (a parser bug)');
    const { text, pieces } = layOut(tree.text, tree.tokenTable, lines, { unit, nl: lineEnding(tree.text) });
    // A file whose lines end in a lone `\r` gets them after a word's `\` too.
    if (hasContinuationKept(text)) return refused(CONTINUATION_KEPT);
    if (text !== tree.text && !sameAst(tree, text)) return refused('the formatted text would not have the same syntax tree (a formatter bug)');
    return { kind: 'formatted', text, pieces };
  } catch (e) {
    return refused(`the formatter failed (${errorMessage(e)})`);
  }
}

function refused(reason: string): FormatOutcome {
  return { kind: 'refused', reason };
}

/**
 * The pieces that change the source of `tree`, as edits. With a `selection`, only those of the lines
 * it touches (whole logical lines) and of the blank lines between them; none when applying only those
 * would change the syntax tree (a layout rule ties lines together: a comment that documents a header
 * moves with the line above it).
 */
export function formattingEdits(tree: EarthfileNode, pieces: readonly Piece[], selection?: Range): Piece[] {
  const source = tree.text;
  const changes = (p: Piece) => p.text !== source.slice(p.start, p.end);
  if (!selection) return joined(pieces.filter(changes));
  // An empty selection stands for the line it is on.
  const from = selection.start;
  const to = Math.max(selection.end, selection.start + 1);
  const touched = (p: Piece | undefined) => p !== undefined && p.kind === 'line' && p.start < to && p.end > from;
  const selected = pieces.map((p, i) => (p.kind === 'line' ? touched(p) : touched(pieces[i + 1]) && (p.start >= from || touched(pieces[i - 1]))) && changes(p));
  const edits = pieces.filter((_, i) => selected[i]);
  if (edits.length === 0) return edits;
  const partial = pieces.map((p, i) => (selected[i] ? p.text : source.slice(p.start, p.end))).join('');
  return sameAst(tree, partial) ? joined(edits) : [];
}

/** Edits that touch joined into one: an insertion and the replacement that starts where it is are one edit. */
function joined(edits: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && last.end === e.start) out[out.length - 1] = { kind: 'line', start: last.start, end: e.end, text: last.text + e.text };
    else out.push(e);
  }
  return out;
}
