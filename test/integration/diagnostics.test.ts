// Diagnostics and quick fixes through the real vscode API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openScratchEarthfile as openEarthfile, waitFor, workspaceFile } from './waitFor';

function codes(doc: vscode.TextDocument): string[] {
  return vscode.languages.getDiagnostics(doc.uri).map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
}

describe('Diagnostics and quick fixes', () => {
  afterEach(closeAllEditors);

  it('fixes a missing VERSION from the light bulb', async () => {
    const doc = await openEarthfile('build:\n    FROM alpine:3.20\n');
    const diagnostic = await waitFor('E-missing-version', () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'E-missing-version'),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Add "VERSION 0.8"');
    assert.ok(fix?.edit, `no "Add VERSION" fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(0).text, 'VERSION 0.8');
    await waitFor('the diagnostic to clear', () => !codes(doc).includes('E-missing-version'));
  });

  it('inserts a missing END with the opener\'s indentation', async () => {
    const doc = await openEarthfile('VERSION 0.8\nbuild:\n    FROM alpine:3.20\n    IF true\n        RUN echo yes\n');
    const diagnostic = await waitFor(
      'E-missing-end',
      () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'E-missing-end'),
      () => `diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(doc.uri).map((d) => [d.code, d.message]))}`,
    );
    assert.equal(doc.getText(diagnostic.range), 'IF');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diagnostic.range,
    );
    const fix = actions.find((a) => a.title === 'Insert END to close IF');
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(5).text, '    END');
    await waitFor('the diagnostic to clear', () => codes(doc).length === 0);
  });

  it('honours earthly.diagnostics.enable and per-rule severities', async () => {
    const config = vscode.workspace.getConfiguration('earthly');
    const doc = await openEarthfile('build:\n    FROM alpine:3.20\n');
    await waitFor('a diagnostic', () => codes(doc).length > 0);
    try {
      await config.update('diagnostics.severity', { 'E-missing-version': 'hint' }, vscode.ConfigurationTarget.Global);
      await waitFor('the severity override', () =>
        vscode.languages.getDiagnostics(doc.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Hint),
      );
      await config.update('diagnostics.enable', false, vscode.ConfigurationTarget.Global);
      await waitFor('diagnostics to be switched off', () => codes(doc).length === 0);
    } finally {
      await config.update('diagnostics.enable', undefined, vscode.ConfigurationTarget.Global);
      await config.update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('diagnostics to come back', () => codes(doc).includes('E-missing-version'));
  });
});

describe('Diagnostics across Earthfiles', () => {
  afterEach(closeAllEditors);

  it('reports an undefined target in ./dir, creates it there from the quick fix, and clears', async () => {
    const root = await vscode.workspace.openTextDocument(workspaceFile('Earthfile'));
    const editor = await vscode.window.showTextDocument(root);
    const line = root.lineAt(root.getText().split('\n').findIndex((l) => l.includes('BUILD ./services/web+docker')));
    await editor.edit((e) => e.insert(line.range.end, '\n    BUILD ./services/web+smoke-test'));
    const diagnostic = await waitFor(
      'E-undefined-target',
      () => vscode.languages.getDiagnostics(root.uri).find((d) => d.code === 'E-undefined-target'),
      () => JSON.stringify(vscode.languages.getDiagnostics(root.uri).map((d) => [d.code, d.message])),
    );
    assert.equal(root.getText(diagnostic.range), 'smoke-test');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      root.uri,
      diagnostic.range,
    );
    const create = actions.find((a) => a.title === 'Create target smoke-test in ./services/web/Earthfile');
    assert.ok(create?.edit, `no create fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(create.edit));
    const web = await vscode.workspace.openTextDocument(workspaceFile('services/web/Earthfile'));
    assert.match(web.getText(), /\nsmoke-test:\n$/);
    // The root Earthfile depends on the edited one: its diagnostic is recomputed without touching it.
    await waitFor('the dependent diagnostic to clear', () =>
      vscode.languages.getDiagnostics(root.uri).every((d) => d.code !== 'E-undefined-target'),
    );
  });
});
