// One-string completion fixtures: `$0` marks the cursor. Each runs with `\n` and with `\r\n`.
import * as path from 'node:path';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import { createLanguageService, type CompletionRequestOptions, type LanguageHost } from '../../../../server/src/service';
import { LineIndex } from '../../../../server/src/text/lineIndex';
import { pathToUri } from '../../../../server/src/uri';
import { DEFAULT_SETTINGS, type EarthlySettings } from '../../../../shared/src/settings';
import { memoryFs } from '../../analysis/memoryFs';

export const ROOT = path.resolve('/ws');
export const EARTHFILE = path.join(ROOT, 'Earthfile');

export interface FixtureOptions {
  /** Other files of the workspace, by path relative to /ws. */
  readonly files?: Record<string, string>;
  readonly snippets?: boolean;
  readonly settings?: Partial<EarthlySettings>;
  readonly eol?: '\n' | '\r\n';
  readonly host?: Partial<LanguageHost>;
  readonly request?: Partial<CompletionRequestOptions>;
}

export interface Completed {
  readonly list: CompletionList;
  readonly labels: string[];
  /** The document text (with the chosen line ends), without the marker. */
  readonly text: string;
  item(label: string): CompletionItem;
  /** The text after applying the item's edit and additional edits. */
  apply(label: string): string;
}

/** Completion at `$0` in `fixture`, opened as /ws/Earthfile. */
export async function completeAt(fixture: string, options: FixtureOptions = {}): Promise<Completed> {
  const eol = options.eol ?? '\n';
  const withEol = fixture.replace(/\r?\n/g, eol);
  const offset = withEol.indexOf('$0');
  if (offset < 0) throw new Error('fixture has no $0 marker');
  const text = withEol.slice(0, offset) + withEol.slice(offset + 2);
  const files = Object.fromEntries(Object.entries(options.files ?? {}).map(([p, t]) => [path.join(ROOT, p), t.replace(/\r?\n/g, eol)]));
  const fs = memoryFs({ [EARTHFILE]: text, ...files });
  const service = createLanguageService({ ...fs, ...options.host }, { settings: { ...DEFAULT_SETTINGS, ...options.settings } });
  const uri = pathToUri(EARTHFILE);
  service.openDocument(uri, 1, text);
  const lines = new LineIndex(text);
  const list = await service.completion(uri, lines.positionAt(offset), { snippets: options.snippets ?? false, ...options.request });
  const item = (label: string) => {
    const found = list.items.find((i) => i.label === label);
    if (!found) throw new Error(`no item ${label} among ${list.items.map((i) => i.label).join(', ')}`);
    return found;
  };
  return {
    list,
    labels: list.items.map((i) => i.label),
    text,
    item,
    apply(label) {
      const it = item(label);
      const edits = [...(it.additionalTextEdits ?? []), ...(it.textEdit && 'range' in it.textEdit ? [it.textEdit] : [])];
      const ranged = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }));
      ranged.sort((a, b) => b.start - a.start);
      let out = text;
      for (const e of ranged) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
      return out;
    },
  };
}

/** Runs `body` once with `\n` and once with `\r\n` line ends. */
export async function bothEols(body: (eol: '\n' | '\r\n') => Promise<void>): Promise<void> {
  await body('\n');
  await body('\r\n');
}
