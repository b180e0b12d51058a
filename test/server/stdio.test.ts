// The language server bundle on its own, as Neovim, Helix, Zed or Emacs start it: `node dist/server.js --stdio`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MarkupContent } from 'vscode-languageserver-types';
import { REPO_ROOT } from '../harness/paths';
import { SERVER_INFO_REQUEST, TARGETS_REQUEST, type ServerInfo, type TargetsParams, type TargetsResult } from '../../shared/src/protocol';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  CodeActionRequest,
  CallHierarchyIncomingCallsRequest,
  CallHierarchyPrepareRequest,
  DefinitionRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  DocumentSymbolRequest,
  SemanticTokensDeltaRequest,
  SemanticTokensRequest,
  WorkspaceSymbolRequest,
  SignatureHelpRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DidChangeConfigurationNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  LogMessageNotification,
  MessageType,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

function startServer(nodeArgs: readonly string[] = []) {
  const server = join(REPO_ROOT, 'dist', 'server.js');
  assert.ok(existsSync(server), `${server} is missing: build first (npm run build or npm run package)`);
  const child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  return { child, connection };
}

/** Runs `body` against a started, listening server, and stops the server afterwards whatever happens. */
async function withServer(body: (connection: ProtocolConnection, child: ChildProcess) => Promise<void>, nodeArgs: readonly string[] = []): Promise<void> {
  const { child, connection } = startServer(nodeArgs);
  // Handlers that `body` registers before its first await still see every message: none has been read yet.
  connection.listen();
  try {
    await body(connection, child);
  } finally {
    connection.dispose();
    child.kill();
  }
}

test('the server speaks LSP over stdio and publishes diagnostics', async () => {
  await withServer(async (connection) => {
    const published = new Promise<PublishDiagnosticsParams>((resolve) =>
      connection.onNotification(PublishDiagnosticsNotification.type, resolve),
    );
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    assert.equal(init.serverInfo?.name, 'earthfile-language-server');
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: 'file:///w/Earthfile', languageId: 'earthfile', version: 1, text: 'build:\n    FROM alpine\n' },
    });
    const diagnostics = await published;
    assert.equal(diagnostics.uri, 'file:///w/Earthfile');
    assert.deepEqual(
      diagnostics.diagnostics.map((d) => d.code),
      ['E-missing-version'],
    );
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  });
});

test('earthly/targets answers from open documents and from Earthfiles on disk', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'earthly-targets-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'svc'));
  writeFileSync(join(dir, 'svc', 'Earthfile'), 'VERSION 0.8\nimage:\n    FROM myreg.azurecr.io/base\n    SAVE IMAGE --push myreg.azurecr.io/svc\n');
  writeFileSync(join(dir, 'Earthfile'), 'VERSION 0.8\nstale:\n    RUN true\n');
  const rootUri = pathToFileURL(join(dir, 'Earthfile')).href;
  const svcUri = pathToFileURL(join(dir, 'svc', 'Earthfile')).href;
  const missingUri = pathToFileURL(join(dir, 'missing', 'Earthfile')).href;
  await withServer(async (connection) => {
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification(InitializedNotification.type, {});
    // The open document differs from the file on disk: the answer follows the editor.
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {
        uri: rootUri,
        languageId: 'earthfile',
        version: 1,
        text: 'VERSION 0.8\n# Builds everything.\nall:\n    ARG --required TAG\n    BUILD ./svc+image\n',
      },
    });
    const result = await connection.sendRequest<TargetsResult>(TARGETS_REQUEST, { uris: [rootUri, svcUri, missingUri] } satisfies TargetsParams);
    assert.deepEqual(result, {
      files: [
        {
          uri: rootUri,
          targets: [
            {
              name: 'all',
              line: 2,
              doc: 'Builds everything.',
              args: [{ name: 'TAG', required: true, global: false }],
              pushes: true,
              registries: ['myreg.azurecr.io'],
            },
          ],
        },
        { uri: svcUri, targets: [{ name: 'image', line: 1, args: [], pushes: true, registries: ['myreg.azurecr.io'] }] },
        { uri: missingUri, targets: [] },
      ],
    });
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  });
});

test('code actions sent right behind didOpen and didChange answer for the text as it is then', async () => {
  await withServer(async (connection) => {
    const uri = 'file:///w/light-bulb.earth';
    const atStart = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const titles = async (): Promise<string[]> => {
      const actions = await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: atStart, context: { diagnostics: [] } });
      return (actions ?? []).map((a) => a.title);
    };
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification(InitializedNotification.type, {});
    // No await in between: the requests reach the server before any diagnostics are computed or published.
    void connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'earthfile', version: 1, text: 'build:\n    FROM alpine:3.20\n' },
    });
    const whenOpened = titles();
    void connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: atStart, text: 'VERSION 0.8\n' }],
    });
    const whenFixed = titles();
    void connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }],
    });
    const whenBroken = titles();
    assert.deepEqual(await whenOpened, ['Add "VERSION 0.8"']);
    assert.deepEqual(await whenFixed, []);
    assert.deepEqual(await whenBroken, ['Add "VERSION 0.8"']);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  });
});

test('an exception or a rejection that nothing handles is logged to the client, and the server goes on', async () => {
  // Loaded before the server: a throw and a rejection from outside any request handler.
  const failLater = "setTimeout(() => { throw new Error('thrown'); }, 100); setTimeout(() => { Promise.reject(new Error('rejected')); }, 150);";
  await withServer(async (connection, child) => {
    const errors: string[] = [];
    const logged = new Promise<void>((resolve) =>
      connection.onNotification(LogMessageNotification.type, ({ type, message }) => {
        if (type === MessageType.Error) errors.push(message.split('\n')[0]);
        if (errors.length === 2) resolve();
      }),
    );
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    await logged;
    assert.deepEqual(errors, ['Uncaught exception: Error: thrown', 'Unhandled promise rejection: Error: rejected']);
    assert.equal((await connection.sendRequest<ServerInfo>(SERVER_INFO_REQUEST)).pid, child.pid);
  }, ['--import', `data:text/javascript,${encodeURIComponent(failLater)}`]);
});

test('hover and signature help over JSON-RPC, across Earthfiles; none for a document that is not open', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'earthly-hover-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'Earthfile'), 'VERSION 0.8\n# Lints the code.\nlint:\n    ARG --required STRICT\n    ARG FIX=false\n');
  const uri = pathToFileURL(join(dir, 'Earthfile')).href;
  await withServer(async (connection) => {
    const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(init.capabilities.hoverProvider, true);
    assert.deepEqual(init.capabilities.signatureHelpProvider?.triggerCharacters, [' ', '=', '(']);
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'earthfile', version: 1, text: 'VERSION 0.8\nall:\n    BUILD ./lib+lint --FIX=true \n' },
    });
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 14 } });
    assert.deepEqual(hover?.range, { start: { line: 2, character: 10 }, end: { line: 2, character: 20 } });
    assert.match((hover?.contents as MarkupContent).value, /lint:\n {4}ARG --required STRICT\n {4}ARG FIX=false[\s\S]*Target `lint` in `\.\/lib\/Earthfile`, line 3\.\n\nLints the code\./);
    const help = await connection.sendRequest(SignatureHelpRequest.type, { textDocument: { uri }, position: { line: 2, character: 32 } });
    assert.equal(help?.signatures[0].label, './lib+lint --STRICT=<required> --FIX=false');
    assert.deepEqual(help?.signatures[0].parameters?.map((p) => p.label), [[11, 30], [31, 42]]);
    assert.equal(help?.activeParameter, 0);
    const closed = { textDocument: { uri: pathToFileURL(join(dir, 'lib', 'Earthfile')).href }, position: { line: 2, character: 1 } };
    assert.equal(await connection.sendRequest(HoverRequest.type, closed), null);
    assert.equal(await connection.sendRequest(SignatureHelpRequest.type, closed), null);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  });
});

test('definition, references, rename and incoming calls over JSON-RPC, across the workspace folder', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'earthly-navigation-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'lib'));
  mkdirSync(join(dir, 'web'));
  writeFileSync(join(dir, 'lib', 'Earthfile'), 'VERSION 0.8\nlint:\n    ARG STRICT=false\n    RUN lint --strict=$STRICT\n');
  // Never opened: found by walking the workspace folder.
  writeFileSync(join(dir, 'web', 'Earthfile'), 'VERSION 0.8\nsite:\n    BUILD ../lib+lint --STRICT=true\n');
  const uri = pathToFileURL(join(dir, 'Earthfile')).href;
  const libUri = pathToFileURL(join(dir, 'lib', 'Earthfile')).href;
  const webUri = pathToFileURL(join(dir, 'web', 'Earthfile')).href;
  await withServer(async (connection) => {
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      capabilities: {},
    });
    assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
    assert.equal(init.capabilities.callHierarchyProvider, true);
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'earthfile', version: 1, text: 'VERSION 0.8\nall:\n    BUILD ./lib+lint --STRICT=true\n' },
    });
    const onLint = { textDocument: { uri }, position: { line: 2, character: 17 } };
    const definition = await connection.sendRequest(DefinitionRequest.type, onLint);
    assert.deepEqual(definition, [{ uri: libUri, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } }]);
    const onStrict = { textDocument: { uri }, position: { line: 2, character: 24 } };
    const references = await connection.sendRequest(ReferencesRequest.type, { ...onStrict, context: { includeDeclaration: true } });
    assert.deepEqual(references?.map((l) => `${l.uri} ${l.range.start.line}:${l.range.start.character}`).sort(), [`${libUri} 2:8`, `${libUri} 3:23`, `${uri} 2:23`, `${webUri} 2:24`].sort());
    assert.deepEqual(await connection.sendRequest(PrepareRenameRequest.type, onLint), { range: { start: { line: 2, character: 16 }, end: { line: 2, character: 20 } }, placeholder: 'lint' });
    const edit = await connection.sendRequest(RenameRequest.type, { ...onLint, newName: 'check' });
    assert.deepEqual(Object.keys(edit?.changes ?? {}).sort(), [libUri, uri, webUri].sort());
    await assert.rejects(connection.sendRequest(RenameRequest.type, { ...onLint, newName: 'Check' }), (error: unknown) => error instanceof ResponseError && /not a valid target name/.test(error.message));
    const [item] = (await connection.sendRequest(CallHierarchyPrepareRequest.type, onLint)) ?? [];
    assert.equal(item?.uri, libUri);
    const incoming = await connection.sendRequest(CallHierarchyIncomingCallsRequest.type, { item });
    assert.deepEqual(incoming?.map((c) => `${c.from.name} ${c.from.uri}`).sort(), [`all ${uri}`, `site ${webUri}`].sort());
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  });
});

test('document symbols, workspace symbols and semantic tokens (full, then a delta) over JSON-RPC', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'earthly-symbols-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'services', 'api'), { recursive: true });
  writeFileSync(join(dir, 'services', 'api', 'Earthfile'), 'VERSION 0.8\nbuild:\n    RUN go build\n');
  const uri = pathToFileURL(join(dir, 'Earthfile')).href;
  const text = 'VERSION 0.8\n# Builds all.\nall:\n    ARG TAG=1\n    BUILD ./services/api+build --TAG=$TAG\n';
  await withServer(async (connection) => {
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
    });
    const { documentSymbolProvider, workspaceSymbolProvider, semanticTokensProvider } = init.capabilities;
    assert.equal(documentSymbolProvider, true);
    assert.equal(workspaceSymbolProvider, true);
    assert.deepEqual(semanticTokensProvider?.full, { delta: true });
    assert.ok(semanticTokensProvider?.legend.tokenTypes.includes('parameter'));
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'earthfile', version: 1, text } });
    const symbols = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.deepEqual(
      symbols?.map((s) => ('children' in s ? [s.name, s.detail, s.children?.map((c) => c.name)] : [])),
      [['all', 'Builds all.', ['TAG']]],
    );
    const workspace = await connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'apibld' });
    assert.deepEqual(workspace?.map((s) => s.name), ['./services/api+build']);
    const full = await connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    const legend = semanticTokensProvider!.legend.tokenTypes;
    // The fourth integer of each token is its type: VERSION, 0.8, the comment, all, ARG, TAG, BUILD, ./services/api, build, TAG, TAG.
    assert.deepEqual(
      full?.data.filter((_, i) => i % 5 === 3).map((type) => legend[type]),
      ['keyword', 'number', 'comment', 'function', 'keyword', 'parameter', 'keyword', 'namespace', 'function', 'parameter', 'parameter'],
    );
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 7 } }, text: 'LET' }],
    });
    const delta = await connection.sendRequest(SemanticTokensDeltaRequest.type, { textDocument: { uri }, previousResultId: full!.resultId! });
    assert.ok(delta && 'edits' in delta && delta.edits.length === 1, 'one edit');
    const [edit] = delta.edits;
    assert.ok(edit.deleteCount < full!.data.length, 'not the whole answer again');
    const data = [...full!.data];
    data.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
    // LET makes TAG a variable where it is declared and where it is used.
    assert.deepEqual(
      data.filter((_, i) => i % 5 === 3).map((type) => legend[type]),
      ['keyword', 'number', 'comment', 'function', 'keyword', 'variable', 'keyword', 'namespace', 'function', 'parameter', 'variable'],
    );
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  });
});

test('Format Document and Format Selection over JSON-RPC, with earthly.format.indent pushed by the client', async () => {
  await withServer(async (connection) => {
    const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(init.capabilities.documentFormattingProvider, true);
    assert.equal(init.capabilities.documentRangeFormattingProvider, true);
    await connection.sendNotification(InitializedNotification.type, {});
    const uri = 'file:///w/Earthfile';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'earthfile', version: 1, text: 'VERSION 0.8\r\n\r\nbuild:\r\n  RUN  a\r\n  RUN  b\r\n' },
    });
    const options = { tabSize: 2, insertSpaces: true };
    const edits = await connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options });
    assert.deepEqual(edits, [{ range: { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } }, newText: '    RUN a\r\n    RUN b\r\n' }]);
    const selection = { start: { line: 4, character: 2 }, end: { line: 4, character: 4 } };
    assert.deepEqual(await connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri }, range: selection, options }), [
      { range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } }, newText: '    RUN b\r\n' },
    ]);
    // Without `workspace/configuration`, the client pushes its settings.
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { earthly: { format: { indent: 'editor' } } } });
    const editor = await connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri }, range: selection, options });
    assert.deepEqual(editor?.map((e) => e.newText), ['  RUN b\r\n']);
    const closed = { textDocument: { uri: 'file:///w/other/Earthfile' }, options };
    assert.deepEqual(await connection.sendRequest(DocumentFormattingRequest.type, closed), []);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  });
});
