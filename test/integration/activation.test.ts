// Opening an Earthfile activates the extension, sets the language, and the server's diagnostics arrive.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, openScratchEarthfile, waitFor, workspaceFile } from './waitFor';

const EXTENSION_ID = 'earthly-acr.earthly-acr';

describe('Activation and the language server', () => {
  afterEach(closeAllEditors);

  it('activates on an Earthfile and gives it the earthfile language', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('Earthfile'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'earthfile');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
    await waitFor('the extension to activate', () => extension.isActive);
  });

  it('claims build.earth, *.earth and *.Earthfile too', async () => {
    for (const name of ['build.earth', 'x.earth', 'ci.Earthfile']) {
      const doc = await vscode.workspace.openTextDocument(
        vscode.Uri.from({ scheme: 'untitled', path: path.join(path.dirname(workspaceFile('Earthfile').fsPath), name) }),
      );
      assert.equal(doc.languageId, 'earthfile', name);
    }
  });

  it('publishes a diagnostic for a file without VERSION, and clears it when VERSION is added', async () => {
    const doc = await openScratchEarthfile('build:\n    FROM alpine\n');
    const diagnostics = await waitFor('the missing-VERSION diagnostic', () => {
      const found = vscode.languages.getDiagnostics(doc.uri);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(diagnostics[0].code, 'E-missing-version');
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'VERSION 0.8\n'));
    await waitFor('the diagnostic to clear', () => vscode.languages.getDiagnostics(doc.uri).length === 0);
  });
});
