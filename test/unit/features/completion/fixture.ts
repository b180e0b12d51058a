// One-string completion fixtures: `$0` marks the cursor. Each runs with `\n` and with `\r\n`.
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import type { CompletionRequestOptions } from '../../../../server/src/service';
import { openFixture, type Fixture } from '../cursor';

export interface FixtureOptions extends Omit<Fixture, 'text'> {
  readonly snippets?: boolean;
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
  const { service, uri, text, position, lines } = openFixture({ ...options, text: fixture });
  const list = await service.completion(uri, position, { snippets: options.snippets ?? false, ...options.request });
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
