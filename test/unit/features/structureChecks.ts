// Helpers for the tests of the structure features (symbols, links, folding, selection ranges, semantic
// tokens): tokens decoded into readable tuples, and the invariants every answer keeps whatever the text.
import assert from 'node:assert/strict';
import type { DocumentSymbol, Range, SelectionRange } from 'vscode-languageserver-types';
import { SEMANTIC_TOKENS_LEGEND, type LanguageService } from '../../../server/src/service';
import type { LineIndex, Position } from '../../../server/src/text/lineIndex';

/** A semantic token as a person reads it: where it is, its text, its type and modifiers. */
export interface DecodedToken {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly type: string;
  readonly modifiers: readonly string[];
}

/** The LSP's relative five-integer encoding, decoded to absolute positions. */
export function decodeTokens(data: readonly number[]): DecodedToken[] {
  const tokens: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const bits = data[i + 4];
    const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, b) => bits & (1 << b));
    tokens.push({ line, character, length: data[i + 2], type: SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]], modifiers });
  }
  return tokens;
}

/** Each token as `text:type.modifier…`, the text read from `text` at the token's position. */
export function tokenTexts(text: string, data: readonly number[]): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  return decodeTokens(data).map((t) => `${lines[t.line].slice(t.character, t.character + t.length)}:${[t.type, ...t.modifiers].join('.')}`);
}

/** The text a range of `text` covers. */
export function textOf(text: string, lines: LineIndex, range: Range): string {
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function inDocument(lines: LineIndex, range: Range, what: string): void {
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.lineCount && p.character >= 0, `${what}: ${JSON.stringify(range)} is in the document`);
    assert.equal(lines.positionAt(lines.offsetAt(p)).character, p.character, `${what}: ${JSON.stringify(p)} is within its line`);
  }
}

/**
 * Asks every structure feature about the open document `uri` and checks what any answer must keep:
 * ranges in the document, children inside parents, folds over several lines, semantic tokens sorted,
 * apart, within their lines and in the legend, and a delta against the same text that changes nothing.
 */
export function checkStructure(service: LanguageService, uri: string, lines: LineIndex): void {
  const checkSymbol = (s: DocumentSymbol, parent?: DocumentSymbol) => {
    assert.ok(s.name.length > 0, 'a symbol has a name');
    inDocument(lines, s.range, s.name);
    assert.ok(contains(s.range, s.selectionRange), `${s.name}: its selection range is in its range`);
    if (parent) assert.ok(contains(parent.range, s.range), `${s.name} lies in ${parent.name}`);
    for (const child of s.children ?? []) checkSymbol(child, s);
  };
  for (const symbol of service.documentSymbols(uri)) checkSymbol(symbol);
  for (const fold of service.foldingRanges(uri)) assert.ok(fold.startLine < fold.endLine && fold.endLine < lines.lineCount, JSON.stringify(fold));
  for (const link of service.documentLinks(uri)) inDocument(lines, link.range, `link ${link.target}`);
  const full = service.semanticTokens(uri);
  let previous: DecodedToken | undefined;
  for (const token of decodeTokens(full.data)) {
    assert.ok(token.length > 0 && token.type !== undefined, `a token of a type in the legend: ${JSON.stringify(token)}`);
    inDocument(lines, { start: token, end: { line: token.line, character: token.character + token.length } }, 'a token');
    if (previous && previous.line === token.line) assert.ok(previous.character + previous.length <= token.character, 'tokens do not overlap');
    previous = token;
  }
  const delta = service.semanticTokensDelta(uri, full.resultId!);
  assert.deepEqual('edits' in delta ? delta.edits : delta, [], 'no change, no edit');
  const whole = { start: { line: 0, character: 0 }, end: { line: lines.lineCount, character: 0 } };
  assert.deepEqual(service.semanticTokensRange(uri, whole).data, full.data, 'the whole range holds every token');
}

/** A selection range holds the position it was asked for, and each parent holds its child. */
export function checkSelection(selection: SelectionRange | undefined, position: Position): void {
  assert.ok(selection, 'an answer for every position');
  assert.ok(contains(selection.range, { start: position, end: position }), `${JSON.stringify(selection.range)} holds ${JSON.stringify(position)}`);
  for (let s = selection; s.parent; s = s.parent) assert.ok(contains(s.parent.range, s.range), 'a parent holds its child');
}
