// The lines of an Earthfile as the formatter lays them out, read from the tree's lossless tokens:
// blank lines, comment lines, headers, and command lines (a command with every line its
// continuations join to it). Each spans whole physical lines, its line ending included.
import type { EarthfileNode, Range, TargetNode, FunctionNode, Token } from '../../parser';
import type { Place } from './places';

interface LineBase extends Range {
  /** Whether the line starts with blanks. */
  readonly indented: boolean;
}

export interface BlankLine extends LineBase {
  readonly kind: 'blank';
}

export interface CommentLine extends LineBase {
  readonly kind: 'comment';
  /** The comment, from `#` to the end of the line. */
  readonly comment: Range;
}

export interface HeaderLine extends LineBase {
  readonly kind: 'header';
  readonly item: TargetNode | FunctionNode;
  /** A comment after the colon. */
  readonly comment?: Range;
}

export interface CommandLine extends LineBase {
  readonly kind: 'command';
  readonly place: Place;
  /** Indices in the tree's tokens of the first keyword token and of the line's last token. */
  readonly first: number;
  readonly last: number;
  /** Where the text of the line ends: before its final line ending, if it has one. */
  readonly contentEnd: number;
}

export type LogicalLine = BlankLine | CommentLine | HeaderLine | CommandLine;

/**
 * The logical lines of `tree`, in order, given the places of its command lines in source order;
 * undefined when a token is not where an error-free tree puts it.
 */
export function logicalLines(tree: EarthfileNode, places: readonly Place[]): LogicalLine[] | undefined {
  const tokens = tree.tokens;
  const items = new Map(tree.items.map((item) => [item.headerRange.start, item]));
  const n = tokens.length;
  const out: LogicalLine[] = [];
  let i = 0;
  let nextPlace = 0;
  while (i < n) {
    const start = tokens[i].start;
    const indented = tokens[i].kind === 'whitespace';
    if (indented) i++;
    const t: Token | undefined = tokens[i];
    if (t === undefined || t.kind === 'newline') {
      if (t) i++;
      out.push({ kind: 'blank', start, end: t ? t.end : tokens[n - 1].end, indented });
      continue;
    }
    if (t.kind === 'comment') {
      i++;
      const end = i < n && tokens[i].kind === 'newline' ? tokens[i++].end : t.end;
      out.push({ kind: 'comment', start, end, indented, comment: t });
      continue;
    }
    if (t.kind === 'headerName') {
      const item = items.get(t.start);
      if (!item || tokens[i + 1]?.kind !== 'colon') return undefined;
      i += 2;
      if (tokens[i]?.kind === 'whitespace') i++;
      const comment = tokens[i]?.kind === 'comment' ? tokens[i++] : undefined;
      let end = tokens[i - 1].end;
      if (i < n) {
        if (tokens[i].kind !== 'newline') return undefined;
        end = tokens[i++].end;
      }
      out.push({ kind: 'header', start, end, indented, item, comment });
      continue;
    }
    const place = places[nextPlace++];
    if (t.kind !== 'keyword' || place?.command.keyword.range.start !== t.start) return undefined;
    const first = i;
    // The line ends at a line ending that no continuation carries over.
    let continued = false;
    let contentEnd = -1;
    for (; i < n; i++) {
      const kind = tokens[i].kind;
      if (kind === 'continuation') continued = true;
      else if (kind === 'newline' && !continued) {
        contentEnd = tokens[i].start;
        break;
      } else if (kind !== 'whitespace' && kind !== 'newline' && kind !== 'comment') continued = false;
    }
    const last = Math.min(i, n - 1);
    const end = tokens[last].end;
    i = last + 1;
    out.push({ kind: 'command', start, end, indented, place, first, last, contentEnd: contentEnd < 0 ? end : contentEnd });
  }
  return nextPlace === places.length ? out : undefined;
}
