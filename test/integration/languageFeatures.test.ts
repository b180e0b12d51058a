// Completion, hover and signature help through the real vscode API, on the demo workspace: the same
// providers VS Code calls when a person types, hovers or opens the parameter hints.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openScratchEarthfile, waitFor, workspaceFile } from './waitFor';

/** The position just after the first occurrence of `marker` in `doc`. */
function after(doc: vscode.TextDocument, marker: string): vscode.Position {
  const offset = doc.getText().indexOf(marker);
  assert.ok(offset >= 0, `"${marker}" is not in ${doc.uri.path}`);
  return doc.positionAt(offset + marker.length);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The completion labels at `position`, once the language server answers with some. */
async function labelsAt(doc: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<string[]> {
  const list = await waitFor('completion items', async () => {
    const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, trigger);
    return result.items.length > 0 ? result : undefined;
  });
  return list.items.map(labelOf);
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function hoverAt(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await waitFor('a hover', async () => {
    const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    return result.length > 0 ? result : undefined;
  });
  return hoverText(hovers);
}

/** The demo workspace's root Earthfile, which builds `./services/api` and `./services/web`. */
async function openDemoEarthfile(): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile('Earthfile'));
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('Completion, hover and signature help', () => {
  afterEach(closeAllEditors);

  it('completes the targets of ./services/api after "BUILD ./services/api+"', async () => {
    const doc = await openDemoEarthfile();
    const labels = await labelsAt(doc, after(doc, 'BUILD ./services/api+'), '+');
    for (const target of ['build', 'test', 'docker']) assert.ok(labels.includes(target), `no ${target} in ${JSON.stringify(labels)}`);
  });

  it('completes commands, flags and variables in a file being typed', async () => {
    const doc = await openScratchEarthfile('VERSION 0.8\nARG --global REGISTRY=example.azurecr.io\nbuild:\n    FROM alpine:3.20\n    COPY --\n    RUN echo $\n    CO\n');
    const flags = await labelsAt(doc, after(doc, 'COPY --'), '-');
    assert.ok(flags.includes('--dir'), `no --dir in ${JSON.stringify(flags)}`);
    const variables = await labelsAt(doc, after(doc, 'echo $'), '$');
    assert.ok(variables.includes('REGISTRY'), `no REGISTRY in ${JSON.stringify(variables)}`);
    const commands = await labelsAt(doc, after(doc, '    CO'));
    assert.ok(commands.includes('COPY'), `no COPY in ${JSON.stringify(commands)}`);
  });

  it('hovers a cross-file target reference with its ARGs and doc comment', async () => {
    const doc = await openDemoEarthfile();
    const text = await hoverAt(doc, after(doc, 'BUILD ./services/api+dock'));
    assert.match(text, /TAG/);
    assert.match(text, /The API image/);
  });

  it('hovers a command with what it does', async () => {
    const doc = await openDemoEarthfile();
    const text = await hoverAt(doc, after(doc, '    WITH DOCK'));
    assert.match(text, /WITH DOCKER/);
  });

  it('shows the callee\'s ARGs as signature help after a target reference', async () => {
    const doc = await openDemoEarthfile();
    const help = await waitFor('signature help', async () => {
      const result = await vscode.commands.executeCommand<vscode.SignatureHelp | undefined>(
        'vscode.executeSignatureHelpProvider',
        doc.uri,
        after(doc, 'BUILD ./services/api+docker --'),
      );
      return result && result.signatures.length > 0 ? result : undefined;
    });
    const signature = help.signatures[help.activeSignature];
    // Parameter labels are offsets into the signature's label.
    const parameters = signature.parameters.map((p) => (typeof p.label === 'string' ? p.label : signature.label.slice(p.label[0], p.label[1])));
    assert.ok(parameters.some((p) => p.startsWith('--TAG')), `no --TAG among ${JSON.stringify(parameters)} of ${signature.label}`);
    assert.equal(parameters[help.activeParameter], parameters.find((p) => p.startsWith('--TAG')), 'the active parameter is the override being typed');
  });
});
