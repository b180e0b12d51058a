// One-string fixtures with a `$0` cursor marker, run through the language service over an in-memory
// workspace: the rust-analyzer style of feature tests.
import * as path from 'node:path';
import type { Hover, MarkupContent, Position, SignatureHelp } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageHost, type LanguageService } from '../../../server/src/service';
import { LineIndex } from '../../../server/src/text/lineIndex';
import { pathToUri } from '../../../server/src/uri';
import { DEFAULT_SETTINGS, type EarthlySettings, type Flavor } from '../../../shared/src/settings';
import { memoryFs } from '../analysis/memoryFs';
import { checkSelection, checkStructure } from './structureChecks';

export const CURSOR = '$0';

/** The workspace folder, and the document every fixture is opened as. */
export const WORKSPACE = path.resolve('/ws');
export const ROOT = path.join(WORKSPACE, 'Earthfile');

export const EOLS = [
  { label: 'LF', eol: '\n' },
  { label: 'CRLF', eol: '\r\n' },
] as const;

export interface Fixture {
  /** The open document, with one `$0` where the cursor is. */
  readonly text: string;
  /** Other files of the workspace, by path (relative ones under the workspace folder). */
  readonly files?: Record<string, string>;
  readonly eol?: string;
  readonly flavor?: Flavor;
  readonly settings?: Partial<EarthlySettings>;
  /** Replaces parts of the in-memory host (a directory lister, an image source). */
  readonly host?: Partial<LanguageHost>;
}

/** The fixture opened in a language service: the document (also on the in-memory disk) and the cursor. */
export function openFixture(fixture: Fixture) {
  const eol = fixture.eol ?? '\n';
  const withEol = (t: string) => t.replace(/\r?\n/g, eol);
  const marked = withEol(fixture.text);
  const at = marked.indexOf(CURSOR);
  if (at < 0) throw new Error(`no ${CURSOR} in fixture`);
  const text = marked.slice(0, at) + marked.slice(at + CURSOR.length);
  const files = Object.fromEntries(Object.entries(fixture.files ?? {}).map(([p, t]) => [path.resolve(WORKSPACE, p), withEol(t)]));
  const settings = { ...DEFAULT_SETTINGS, ...(fixture.flavor && { flavor: fixture.flavor }), ...fixture.settings };
  const service = createLanguageService({ ...memoryFs({ [ROOT]: text, ...files }), ...fixture.host }, { settings });
  const uri = pathToUri(ROOT);
  service.openDocument(uri, 1, text);
  const lines = new LineIndex(text);
  return { service, uri, text, position: lines.positionAt(at), lines, files: { ...files, [ROOT]: text } };
}

/** The hover at the cursor: its markdown and the text of its range, or undefined. */
export function hover(fixture: Fixture): { markdown: string; word: string } | undefined {
  const { service, uri, position, text, lines } = openFixture(fixture);
  const answer: Hover | null = service.hover(uri, position);
  if (!answer) return undefined;
  const range = answer.range!;
  return { markdown: (answer.contents as MarkupContent).value, word: text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)) };
}

/** The signature help at the cursor, or undefined. */
export function signature(fixture: Fixture): { label: string; parameters: string[]; active?: string; documentation: string; parameterDocs: string[] } | undefined {
  const { service, uri, position } = openFixture(fixture);
  const answer: SignatureHelp | null = service.signatureHelp(uri, position);
  if (!answer) return undefined;
  const [signature] = answer.signatures;
  const parameters = (signature.parameters ?? []).map((p) => {
    const [start, end] = p.label as [number, number];
    return signature.label.slice(start, end);
  });
  return {
    label: signature.label,
    parameters,
    active: answer.activeParameter == null ? undefined : parameters[answer.activeParameter],
    documentation: (signature.documentation as MarkupContent).value,
    parameterDocs: (signature.parameters ?? []).map((p) => (p.documentation as MarkupContent).value),
  };
}

/** Every request that answers for a position of a document: each must answer or come back empty, never throw. */
const POSITION_REQUESTS: readonly ((service: LanguageService, uri: string, position: Position) => unknown)[] = [
  (s, uri, p) => s.hover(uri, p),
  (s, uri, p) => s.signatureHelp(uri, p),
  (s, uri, p) => s.definition(uri, p),
  (s, uri, p) => s.declaration(uri, p),
  (s, uri, p) => s.references(uri, p, true),
  (s, uri, p) => s.documentHighlight(uri, p),
  (s, uri, p) => s.prepareRename(uri, p),
  (s, uri, p) => s.rename(uri, p, 'renamed'),
  (s, uri, p) => s.prepareCallHierarchy(uri, p)?.map((item) => [s.incomingCalls(item), s.outgoingCalls(item)]),
];

/** Asks every position request at every offset of `text` (or every `step`-th), and a few positions past the end. */
export function askEverywhere(text: string, step = 1): void {
  const service = createLanguageService({ readFile: () => undefined, exists: () => false });
  const uri = 'file:///ws/Earthfile';
  service.openDocument(uri, 1, text);
  const lines = new LineIndex(text);
  const ask = (position: Position) => {
    for (const request of POSITION_REQUESTS) request(service, uri, position);
  };
  for (let offset = 0; offset <= text.length; offset += step) {
    const position = lines.positionAt(offset);
    ask(position);
    // A position on the LF of a CRLF is past its line's end: the answer is for the end of the line.
    checkSelection(service.selectionRanges(uri, [position])[0], lines.positionAt(lines.offsetAt(position)));
  }
  for (const position of [{ line: lines.lineCount + 5, character: 0 }, { line: 0, character: 1e9 }, { line: -1, character: -1 }]) {
    ask(position);
    service.selectionRanges(uri, [position]);
  }
  checkStructure(service, uri, lines);
}

/** A fixture with no cursor, opened: the marker goes at the very end, where it changes nothing. */
export function openDocument(fixture: Fixture) {
  return openFixture({ ...fixture, text: fixture.text + CURSOR });
}
