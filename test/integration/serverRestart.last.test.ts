// The language server is restarted after a crash (runs last: it replaces the server the other suites use).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openScratchEarthfile, waitFor } from './waitFor';

const EXTENSION_ID = 'earthly-acr.earthly-acr';

describe('Language server restarts', () => {
  afterEach(closeAllEditors);

  it('restarts the language server after it crashes', async () => {
    const extension = vscode.extensions.getExtension<{ serverInfo(): Promise<{ pid: number } | undefined> }>(EXTENSION_ID);
    assert.ok(extension?.isActive);
    const before = await waitFor('the server to report its pid', () => extension.exports.serverInfo());
    process.kill(before.pid, 'SIGKILL');
    const after = await waitFor('a new server process', async () => {
      const info = await extension.exports.serverInfo().catch(() => undefined);
      return info && info.pid !== before.pid ? info : undefined;
    });
    assert.notEqual(after.pid, before.pid);

    const doc = await openScratchEarthfile('t:\n    RUN true\n');
    await waitFor('diagnostics from the restarted server', () => vscode.languages.getDiagnostics(doc.uri).length > 0);
  });
});
