// Completion over stdio, as editors other than VS Code use it: a client without snippet support gets
// plain keywords, one with it gets snippets, resolve fills the documentation, a closed document gets nothing;
// a client that takes list defaults (as VS Code does) gets the replace range once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  CompletionRequest,
  CompletionResolveRequest,
  createProtocolConnection,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InsertTextFormat,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../harness/paths';

const URI = 'file:///w/Earthfile';
const TEXT = 'VERSION 0.8\nbuild:\n    FROM alpine\n    \n';
const CURSOR = { line: 3, character: 4 };

type Connection = ReturnType<typeof createProtocolConnection>;

async function withServer(snippetSupport: boolean, body: (connection: Connection) => Promise<void>, itemDefaults?: string[]): Promise<void> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport }, ...(itemDefaults && { completionList: { itemDefaults } }) } } },
    });
    assert.deepEqual(init.capabilities.completionProvider, { triggerCharacters: ['+', '-', '$', '{', '/', '=', ' '], resolveProvider: true });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'earthfile', version: 1, text: TEXT } });
    await body(connection);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  } finally {
    connection.dispose();
    child.kill();
  }
}

const itemsOf = (result: CompletionList | CompletionItem[] | null) => (Array.isArray(result) ? result : (result?.items ?? []));
const completionAt = (connection: Connection) => connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: CURSOR });
const complete = async (connection: Connection) => itemsOf(await completionAt(connection));

test('a client without snippet support gets plain text, and resolve fills the documentation', async () => {
  await withServer(false, async (connection) => {
    const items = await complete(connection);
    const ifItem = items.find((i) => i.label === 'IF');
    assert.ok(ifItem);
    assert.notEqual(ifItem.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(ifItem.textEdit && 'newText' in ifItem.textEdit ? ifItem.textEdit.newText : undefined, 'IF');
    assert.ok(items.every((i) => i.insertTextFormat !== InsertTextFormat.Snippet));
    const resolved = await connection.sendRequest(CompletionResolveRequest.type, items.find((i) => i.label === 'COPY')!);
    assert.equal(typeof resolved.documentation === 'object' && resolved.documentation.kind, 'markdown');
    assert.match(typeof resolved.documentation === 'object' ? resolved.documentation.value : '', /COPY \[options\]/);
  });
});

test('a client with snippet support gets snippets; a closed document gets nothing', async () => {
  await withServer(true, async (connection) => {
    const items = await complete(connection);
    const ifItem = items.find((i) => i.label === 'IF');
    assert.equal(ifItem?.insertTextFormat, InsertTextFormat.Snippet);
    assert.match(ifItem?.textEdit && 'newText' in ifItem.textEdit ? ifItem.textEdit.newText : '', /^IF \$\{1:condition\}\n\t\$0\nEND$/);
    assert.ok(items.some((i) => i.label === 'SAVE ARTIFACT … AS LOCAL'));
    await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: URI } });
    assert.deepEqual(await complete(connection), []);
  });
});

test('a client that takes list defaults gets the replace range once, and each item only the text that differs from its label', async () => {
  let plain: CompletionItem[] = [];
  await withServer(true, async (connection) => {
    plain = await complete(connection);
  });
  await withServer(
    true,
    async (connection) => {
      const list = (await completionAt(connection)) as CompletionList;
      const range = { start: CURSOR, end: CURSOR };
      assert.deepEqual(list.itemDefaults, { editRange: range });
      assert.ok(list.items.every((i) => i.textEdit === undefined && i.filterText !== i.label));
      const ifItem = list.items.find((i) => i.label === 'IF');
      assert.match(ifItem?.textEditText ?? '', /^IF \$\{1:condition\}\n\t\$0\nEND$/);
      assert.equal(list.items.find((i) => i.label === 'COPY')?.textEditText, undefined);
      // What the client makes of the defaults is the list a client without them gets.
      const expanded = list.items.map(({ textEditText, ...item }) => ({ ...item, filterText: item.filterText ?? item.label, textEdit: { range, newText: textEditText ?? item.label } }));
      assert.deepEqual(
        expanded,
        plain.map((item) => ({ ...item, filterText: item.filterText ?? item.label })),
      );
    },
    ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'],
  );
});
