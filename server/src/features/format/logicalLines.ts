// The lines of an Earthfile as the formatter lays them out, read from the tree's lossless tokens:
// blank lines, comment lines, headers, and command lines (a command with every line its
// continuations join to it). Each spans whole physical lines, its line ending included.
import { TOKEN_KINDS, type EarthfileNode, type FunctionNode, type Range, type TargetNode, type TokenKind } from '../../parser';
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
  /** Indices in the tree's token table of the first keyword token and of the line's last token. */
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
  const { count: n, kinds, starts, ends } = tree.tokenTable;
  const kindAt = (i: number): TokenKind | undefined => (i < n ? TOKEN_KINDS[kinds[i]] : undefined);
  const items = new Map(tree.items.map((item) => [item.headerRange.start, item]));
  const out: LogicalLine[] = [];
  let i = 0;
  let nextPlace = 0;
  while (i < n) {
    const start = starts[i];
    const indented = kindAt(i) === 'whitespace';
    if (indented) i++;
    const kind = kindAt(i);
    if (kind === undefined || kind === 'newline') {
      out.push({ kind: 'blank', start, end: ends[Math.min(i, n - 1)], indented });
      i++;
      continue;
    }
    if (kind === 'comment') {
      const comment = { start: starts[i], end: ends[i] };
      i++;
      const end = kindAt(i) === 'newline' ? ends[i++] : comment.end;
      out.push({ kind: 'comment', start, end, indented, comment });
      continue;
    }
    if (kind === 'headerName') {
      const item = items.get(starts[i]);
      if (!item || kindAt(i + 1) !== 'colon') return undefined;
      i += 2;
      if (kindAt(i) === 'whitespace') i++;
      const comment = kindAt(i) === 'comment' ? { start: starts[i], end: ends[i++] } : undefined;
      let end = ends[i - 1];
      if (i < n) {
        if (kindAt(i) !== 'newline') return undefined;
        end = ends[i++];
      }
      out.push({ kind: 'header', start, end, indented, item, comment });
      continue;
    }
    const place = places[nextPlace++];
    if (kind !== 'keyword' || place?.command.keyword.range.start !== starts[i]) return undefined;
    const first = i;
    // The line ends at a line ending that no continuation carries over.
    let continued = false;
    let contentEnd = -1;
    for (; i < n; i++) {
      const k = TOKEN_KINDS[kinds[i]];
      if (k === 'continuation') continued = true;
      else if (k === 'newline' && !continued) {
        contentEnd = starts[i];
        break;
      } else if (k !== 'whitespace' && k !== 'newline' && k !== 'comment') continued = false;
    }
    const last = Math.min(i, n - 1);
    const end = ends[last];
    i = last + 1;
    out.push({ kind: 'command', start, end, indented, place, first, last, contentEnd: contentEnd < 0 ? end : contentEnd });
  }
  return nextPlace === places.length ? out : undefined;
}
