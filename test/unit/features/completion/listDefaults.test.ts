// Lists with a default replace range: what a client makes of them is the list it would get without.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-types';
import { completionList } from '../../../../server/src/features/completion';
import { bothEols, completeAt } from './fixture';

/** The items as a client that applies `itemDefaults.editRange` reads them (vscode-languageclient does the same). */
function expanded(list: CompletionList): CompletionItem[] {
  const range = list.itemDefaults?.editRange as Range | undefined;
  return list.items.map(({ textEditText, ...item }) => ({
    ...item,
    filterText: item.filterText ?? item.label,
    ...(item.textEdit === undefined && range && { textEdit: { range, newText: textEditText ?? item.label } }),
  }));
}

const withLabelFilter = (items: readonly CompletionItem[]) => items.map((item) => ({ ...item, filterText: item.filterText ?? item.label }));

/** What crosses the wire (fields set to `undefined` are not sent); `completionList` changes the items it is given. */
const sent = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const CI = `VERSION --arg-scope-and-set 0.8
IMPORT ./tools AS tools
ARG --global REGISTRY=myacr.azurecr.io

# deps installs the toolchain.
deps:
    FROM golang:1.23-bookworm
    RUN apt-get update && \\
        apt-get install -y --no-install-recommends \\
            git ca-certificates
    ARG TARGET=lint

ci:
    FROM +deps
    BUILD +$TARGET
    COPY --dir src ./
    SAVE IMAGE --push $REGISTRY/app:latest
`;

test('at every position of a CI Earthfile, the list with defaults reads back as the list without', async () => {
  await bothEols(async (eol) => {
    const text = eol === '\n' ? CI : CI.replace(/\n/g, '\r\n');
    let withDefaults = 0;
    for (let at = 0; at <= text.length; at++) {
      const fixture = text.slice(0, at) + '$0' + text.slice(at);
      const plain = (await completeAt(fixture, { eol, snippets: true })).list;
      const list = sent(completionList(sent(plain.items), plain.isIncomplete, true));
      if (list.itemDefaults) withDefaults++;
      assert.deepEqual(expanded(list), withLabelFilter(sent(plain.items)), `at offset ${at}`);
    }
    assert.ok(withDefaults > 100, `only ${withDefaults} positions had a default range`);
  });
});

test('items replacing another range keep their edit; without the capability there is no default', () => {
  const word = { start: { line: 1, character: 4 }, end: { line: 1, character: 6 } };
  const other = { start: { line: 0, character: 8 }, end: { line: 0, character: 8 } };
  const items: CompletionItem[] = [
    { label: 'COPY', filterText: 'COPY', textEdit: { range: word, newText: 'COPY' } },
    { label: 'IF', filterText: 'IF', textEdit: { range: { ...word }, newText: 'IF ${1:condition}' } },
    { label: '--dir', filterText: '--dir', textEdit: { range: other, newText: '--dir' } },
    { label: 'img', textEdit: { insert: word, replace: other, newText: 'img' } },
  ];
  assert.deepEqual(sent(completionList(sent(items), false, true)), {
    isIncomplete: false,
    itemDefaults: { editRange: word },
    items: [{ label: 'COPY' }, { label: 'IF', textEditText: 'IF ${1:condition}' }, { label: '--dir', textEdit: { range: other, newText: '--dir' } }, items[3]],
  });
  assert.deepEqual(sent(completionList(sent(items), true, false)), { isIncomplete: true, items: items.map(({ filterText: _f, ...rest }) => rest) });
  assert.deepEqual(completionList([], false, true), { isIncomplete: false, items: [] });
});
