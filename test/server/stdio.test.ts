// The language server bundle on its own, as Neovim, Helix, Zed or Emacs start it: `node dist/server.js --stdio`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/paths';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

test('the server speaks LSP over stdio and publishes diagnostics', async () => {
  const server = join(REPO_ROOT, 'dist', 'server.js');
  assert.ok(existsSync(server), `${server} is missing: build first (npm run build or npm run package)`);
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Promise<PublishDiagnosticsParams>((resolve) =>
    connection.onNotification(PublishDiagnosticsNotification.type, resolve),
  );
  connection.listen();
  try {
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
  } finally {
    connection.dispose();
    child.kill();
  }
});
