// How the explorer names an image for others: `host/repo:tag` and `host/repo@sha256:…` for the clipboard
// and pulls, and the `FROM` line that Insert FROM and drag and drop put into an Earthfile: on a line of
// its own, indented like the statements around it, never inside another statement.

export const imageReference = (loginServer: string, repository: string, tag: string): string => `${loginServer}/${repository}:${tag}`;

export const digestReference = (loginServer: string, repository: string, digest: string): string => `${loginServer}/${repository}@${digest}`;

export const fromLine = (reference: string): string => `FROM ${reference}`;

/** What to put where, in a document's lines (0-based), replacing `start`..`end`. */
export interface LineInsertion {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Earthly's body indentation when the target has no statement yet to copy it from. */
const DEFAULT_INDENT = '    ';
/** `build:` or `MY_FUNCTION:`, at the start of a line, with an optional comment. */
const BLOCK_HEADER = /^[A-Za-z][A-Za-z0-9._-]*:\s*(#.*)?$/;

const indentOf = (line: string): string => /^[ \t]*/.exec(line)![0];
const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === '';
const continues = (line: string): boolean => /\\\s*$/.test(line);

/** The first line of the statement that line `line` is part of (continuation lines belong to the line above). */
function statementStart(lines: readonly string[], line: number): number {
  let first = line;
  while (first > 0 && continues(lines[first - 1]!)) first--;
  return first;
}

/** The indentation of the statements of the block whose header is `header`: its first statement's, or four spaces. */
function bodyIndentAfter(lines: readonly string[], header: number): string {
  for (let i = header + 1; i < lines.length; i++) {
    if (isBlank(lines[i]) || lines[i]!.trimStart().startsWith('#')) continue;
    const indent = indentOf(lines[i]!);
    return indent === '' ? DEFAULT_INDENT : indent;
  }
  return DEFAULT_INDENT;
}

/** The indentation for a statement on blank line `line`: that of the statement above, or of a body when a header is above. */
function indentForBlank(lines: readonly string[], line: number): string {
  for (let i = line - 1; i >= 0; i--) {
    if (isBlank(lines[i])) continue;
    return BLOCK_HEADER.test(lines[i]!) ? bodyIndentAfter(lines, i) : indentOf(lines[statementStart(lines, i)]!);
  }
  return '';
}

/**
 * Where `statement` goes for a cursor on `line`: onto that line when it is blank, else on a new line after
 * the statement the cursor is in (after its continuation lines), indented like it or, after a header, like
 * the block's body. `lines` are the document's lines without their line ends; `eol` is its line end.
 */
export function statementInsertion(lines: readonly string[], line: number, statement: string, eol = '\n'): LineInsertion {
  const at = Math.max(0, Math.min(line, lines.length - 1));
  const current = lines[at] ?? '';
  if (isBlank(current)) {
    const indent = current === '' ? indentForBlank(lines, at) : current;
    return { line: at, start: 0, end: current.length, text: `${indent}${statement}` };
  }
  const first = statementStart(lines, at);
  let last = at;
  while (continues(lines[last]!) && last + 1 < lines.length) last++;
  const indent = BLOCK_HEADER.test(lines[first]!) ? bodyIndentAfter(lines, last) : indentOf(lines[first]!);
  const end = lines[last]!.length;
  return { line: last, start: end, end, text: `${eol}${indent}${statement}` };
}

/** Where `statement` goes to open the body of the block whose header is on `header`. */
export function blockStartInsertion(lines: readonly string[], header: number, statement: string, eol = '\n'): LineInsertion {
  const end = lines[header]?.length ?? 0;
  return { line: header, start: end, end, text: `${eol}${bodyIndentAfter(lines, header)}${statement}` };
}
