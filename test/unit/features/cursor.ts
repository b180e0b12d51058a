// One-string fixtures with a `$0` cursor marker, run through the language service over an in-memory
// workspace: the rust-analyzer style of feature tests.
import * as path from 'node:path';
import type { Hover, MarkupContent, SignatureHelp } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';
import { LineIndex } from '../../../server/src/text/lineIndex';
import { pathToUri } from '../../../server/src/uri';
import { DEFAULT_SETTINGS, type Flavor } from '../../../shared/src/settings';
import { memoryFs } from '../analysis/memoryFs';

export const CURSOR = '$0';

/** The document every fixture is opened as. */
export const ROOT = path.resolve('/ws/Earthfile');

export const EOLS = [
  { label: 'LF', eol: '\n' },
  { label: 'CRLF', eol: '\r\n' },
] as const;

export interface Fixture {
  /** The open document, with one `$0` where the cursor is. */
  readonly text: string;
  /** Other Earthfiles of the workspace, by path. */
  readonly files?: Record<string, string>;
  readonly eol?: string;
  readonly flavor?: Flavor;
}

function opened(fixture: Fixture) {
  const eol = fixture.eol ?? '\n';
  const crlf = (t: string) => t.replace(/\n/g, eol);
  const marked = crlf(fixture.text);
  const at = marked.indexOf(CURSOR);
  if (at < 0) throw new Error(`no ${CURSOR} in fixture`);
  const text = marked.slice(0, at) + marked.slice(at + CURSOR.length);
  const files = Object.fromEntries(Object.entries(fixture.files ?? {}).map(([p, t]) => [p, crlf(t)]));
  const service = createLanguageService(memoryFs(files), { settings: { ...DEFAULT_SETTINGS, flavor: fixture.flavor ?? 'earthly' } });
  const uri = pathToUri(ROOT);
  service.openDocument(uri, 1, text);
  const lines = new LineIndex(text);
  return { service, uri, text, position: lines.positionAt(at), lines };
}

/** The hover at the cursor: its markdown and the text of its range, or undefined. */
export function hover(fixture: Fixture): { markdown: string; word: string } | undefined {
  const { service, uri, position, text, lines } = opened(fixture);
  const answer: Hover | null = service.hover(uri, position);
  if (!answer) return undefined;
  const range = answer.range!;
  return { markdown: (answer.contents as MarkupContent).value, word: text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)) };
}

/** The signature help at the cursor, or undefined. */
export function signature(fixture: Fixture): { label: string; parameters: string[]; active?: string; documentation: string; parameterDocs: string[] } | undefined {
  const { service, uri, position } = opened(fixture);
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

/** Asks hover and signature help at every offset of `text` (or every `step`-th), and a few positions past the end. */
export function askEverywhere(text: string, step = 1): void {
  const service = createLanguageService({ readFile: () => undefined, exists: () => false });
  const uri = 'file:///ws/Earthfile';
  service.openDocument(uri, 1, text);
  const lines = new LineIndex(text);
  for (let offset = 0; offset <= text.length; offset += step) {
    const position = lines.positionAt(offset);
    service.hover(uri, position);
    service.signatureHelp(uri, position);
  }
  for (const position of [{ line: lines.lineCount + 5, character: 0 }, { line: 0, character: 1e9 }, { line: -1, character: -1 }]) {
    service.hover(uri, position);
    service.signatureHelp(uri, position);
  }
}
