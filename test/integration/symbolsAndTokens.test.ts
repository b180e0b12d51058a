// Outline, workspace symbols, document links, folding, expand selection and semantic tokens through the
// real vscode API, on the demo workspace: the providers VS Code calls for the Outline view, Go to Symbol
// in Workspace (Ctrl+T), Ctrl+click on a path, the folding gutter, Expand Selection and highlighting.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, waitFor, workspaceFile } from './waitFor';

async function openDemo(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The position `into` characters into the first occurrence of `marker` in `doc`. */
function inside(doc: vscode.TextDocument, marker: string, into: number): vscode.Position {
  const offset = doc.getText().indexOf(marker);
  assert.ok(offset >= 0, `"${marker}" is not in ${doc.uri.path}`);
  return doc.positionAt(offset + into);
}

/** The line of the first line of `doc` that starts with `start` (indentation ignored). */
function lineOf(doc: vscode.TextDocument, start: string): number {
  for (let line = 0; line < doc.lineCount; line++) if (doc.lineAt(line).text.trimStart().startsWith(start)) return line;
  assert.fail(`no line starts with "${start}" in ${doc.uri.path}`);
}

/** Runs a provider command until the language server answers with something. */
function answer<T>(what: string, command: string, ...args: unknown[]): Promise<NonNullable<T>> {
  return waitFor(what, async () => {
    const result = await vscode.commands.executeCommand<T>(command, ...args);
    return Array.isArray(result) ? (result.length > 0 ? result : undefined) : result;
  });
}

describe('Symbols, links, folding, selection ranges and semantic tokens', () => {
  afterEach(closeAllEditors);

  it('outlines the demo Earthfile: the base recipe, its targets and their ARGs', async () => {
    const doc = await openDemo('Earthfile');
    const symbols = await answer<vscode.DocumentSymbol[]>('document symbols', 'vscode.executeDocumentSymbolProvider', doc.uri);
    assert.deepEqual(symbols.map((s) => s.name), ['base', 'all', 'lint', 'integration', 'release']);
    assert.deepEqual(symbols[0].children.map((c) => c.name), ['lib', 'REGISTRY']);
    const release = symbols[4];
    assert.equal(release.kind, vscode.SymbolKind.Function);
    assert.deepEqual(release.children.map((c) => `${c.name} ${c.detail}`), ['TAG required']);
    assert.equal(release.detail, 'Publishes both images with the tag given on the command line.');
  });

  it('finds targets and functions across the workspace by fuzzy name, as the command line names them', async () => {
    await openDemo('Earthfile');
    const symbols = await answer<vscode.SymbolInformation[]>('workspace symbols', 'vscode.executeWorkspaceSymbolProvider', 'apidocker');
    const docker = symbols.find((s) => s.name === './services/api+docker');
    assert.ok(docker, `no ./services/api+docker in ${JSON.stringify(symbols.map((s) => s.name))}`);
    assert.equal(docker.location.uri.fsPath, workspaceFile('services/api/Earthfile').fsPath);
    const functions = await answer<vscode.SymbolInformation[]>('workspace symbols', 'vscode.executeWorkspaceSymbolProvider', 'GO_DEPS');
    assert.ok(functions.some((s) => s.name === './lib+GO_DEPS'), JSON.stringify(functions.map((s) => s.name)));
  });

  it('links reference directories and IMPORT paths to their Earthfiles', async () => {
    const doc = await openDemo('Earthfile');
    const links = await answer<vscode.DocumentLink[]>('document links', 'vscode.executeLinkProvider', doc.uri);
    const targets = links.map((l) => `${doc.getText(l.range)} -> ${l.target?.fsPath}`);
    for (const expected of [
      `./lib -> ${workspaceFile('lib/Earthfile').fsPath}`,
      `./services/api -> ${workspaceFile('services/api/Earthfile').fsPath}`,
      `./services/web -> ${workspaceFile('services/web/Earthfile').fsPath}`,
    ]) {
      assert.ok(targets.includes(expected), `no ${expected} in ${JSON.stringify(targets)}`);
    }
  });

  it('folds targets, the WITH DOCKER block and a continued RUN', async () => {
    const doc = await openDemo('Earthfile');
    const folds = await answer<vscode.FoldingRange[]>('folding ranges', 'vscode.executeFoldingRangeProvider', doc.uri);
    const has = (start: number, end: number) => folds.some((f) => f.start === start && f.end === end);
    const all = lineOf(doc, 'all:');
    assert.ok(has(all, all + 3), `no fold of all: in ${JSON.stringify(folds)}`);
    const withDocker = lineOf(doc, 'WITH DOCKER');
    assert.ok(has(withDocker, withDocker + 2), `no fold of WITH DOCKER in ${JSON.stringify(folds)}`);
    const run = lineOf(doc, 'RUN find scripts');
    assert.ok(has(run, run + 1), `no fold of the continued RUN in ${JSON.stringify(folds)}`);
  });

  it('expands the selection from a word of a reference to its command and target', async () => {
    const doc = await openDemo('Earthfile');
    const position = inside(doc, 'BUILD ./services/api+docker', 'BUILD ./services/a'.length);
    const [selection] = await answer<vscode.SelectionRange[]>('selection ranges', 'vscode.executeSelectionRangeProvider', doc.uri, [position]);
    const chain: string[] = [];
    for (let s: vscode.SelectionRange | undefined = selection; s; s = s.parent) chain.push(doc.getText(s.range));
    assert.deepEqual(chain.slice(0, 4), ['api', './services/api', './services/api+docker', 'BUILD ./services/api+docker']);
    assert.ok(chain.some((text) => text.startsWith('all:\n')), JSON.stringify(chain));
  });

  it('highlights ARGs as parameters, targets as functions, builtins apart from variables', async () => {
    const doc = await openDemo('Earthfile');
    const legend = await answer<vscode.SemanticTokensLegend>('the semantic tokens legend', 'vscode.provideDocumentSemanticTokensLegend', doc.uri);
    const tokens = await waitFor('semantic tokens', async () => {
      const result = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', doc.uri);
      return result && result.data.length > 0 ? result : undefined;
    });
    // Decoded to `text:type.modifier…`, each relative to the token before.
    const decoded: string[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      character = tokens.data[i] === 0 ? character + tokens.data[i + 1] : tokens.data[i + 1];
      const modifiers = legend.tokenModifiers.filter((_, bit) => tokens.data[i + 4] & (1 << bit));
      const text = doc.lineAt(line).text.slice(character, character + tokens.data[i + 2]);
      decoded.push([`${text}:${legend.tokenTypes[tokens.data[i + 3]]}`, ...modifiers].join('.'));
    }
    for (const expected of ['TAG:parameter.declaration', 'TAG:parameter', 'lint:function.declaration', 'lint:function', './services/api:namespace', 'WITH DOCKER:keyword', '--load:property', 'REGISTRY:parameter.declaration']) {
      assert.ok(decoded.includes(expected), `no ${expected} in ${JSON.stringify(decoded)}`);
    }
  });
});
