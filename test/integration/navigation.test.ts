// Go to definition, find references, rename and the target graph through the real vscode API, on the
// demo workspace: the providers VS Code calls for F12, Shift+F12, F2 and "Show Call Hierarchy".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, waitFor, workspaceFile } from './waitFor';

/** The position `into` characters into the first occurrence of `marker` in `doc`. */
function at(doc: vscode.TextDocument, marker: string, into: number): vscode.Position {
  const offset = doc.getText().indexOf(marker);
  assert.ok(offset >= 0, `"${marker}" is not in ${doc.uri.path}`);
  return doc.positionAt(offset + into);
}

async function open(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The line of the first `marker` in the workspace file `relative` (opened, not shown). */
async function lineOf(relative: string, marker: string): Promise<number> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return at(doc, marker, 0).line;
}

const sameFile = (a: vscode.Uri, b: vscode.Uri) => a.toString() === b.toString();

function targetOf(location: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in location ? { uri: location.targetUri, range: location.targetSelectionRange ?? location.targetRange } : location;
}

describe('Navigation: definition, references, rename, call hierarchy', () => {
  afterEach(closeAllEditors);

  it('goes from ./services/api+build to the build target of services/api/Earthfile', async () => {
    const doc = await open('Earthfile');
    const position = at(doc, 'COPY ./services/api+build/api', 'COPY ./services/api+bu'.length);
    const locations = await waitFor('a definition', async () => {
      const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, position);
      return result.length > 0 ? result : undefined;
    });
    const api = workspaceFile('services/api/Earthfile');
    assert.equal(locations.length, 1, JSON.stringify(locations));
    const target = targetOf(locations[0]);
    assert.ok(sameFile(target.uri, api), `landed in ${target.uri.toString()}`);
    assert.equal(target.range.start.line, await lineOf('services/api/Earthfile', 'build:'));
  });

  it('finds the references of a target across Earthfiles', async () => {
    const doc = await open('Earthfile');
    const position = at(doc, 'BUILD ./services/api+docker', 'BUILD ./services/api+do'.length);
    const locations = await waitFor('references', async () => {
      const result = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, position);
      return result.length > 0 ? result : undefined;
    });
    const api = workspaceFile('services/api/Earthfile');
    const inRoot = locations.filter((l) => sameFile(l.uri, doc.uri)).map((l) => doc.getText(l.range));
    // `all`, `integration` (--load) and `release` name it; the header is in services/api.
    assert.deepEqual(inRoot, ['docker', 'docker', 'docker']);
    const header = locations.find((l) => sameFile(l.uri, api));
    assert.equal(header?.range.start.line, await lineOf('services/api/Earthfile', 'docker:'));
  });

  it('renames a target in every Earthfile that names it, and refuses a name Earthly rejects', async () => {
    const doc = await open('Earthfile');
    const position = at(doc, 'COPY ./services/api+build/api', 'COPY ./services/api+bu'.length);
    const edit = await waitFor('a rename edit', async () => {
      // Until the server has registered its rename provider, VS Code rejects with "No result".
      const result = await Promise.resolve(vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', doc.uri, position, 'compile')).catch(() => undefined);
      return result && result.size > 0 ? result : undefined;
    });
    const files = edit.entries().map(([uri, edits]) => [vscode.workspace.asRelativePath(uri), edits.map((e) => e.newText)]);
    assert.deepEqual(files.sort(), [
      ['Earthfile', ['compile']],
      ['services/api/Earthfile', ['compile', 'compile']],
    ]);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, position, 'Compile')),
      /not a valid target name/,
    );
  });

  it('shows the targets that use a function, across Earthfiles', async () => {
    const doc = await open('services/api/Earthfile');
    const position = at(doc, 'DO lib+GO_DEPS', 'DO lib+GO_'.length);
    const [item] = await waitFor('a call hierarchy item', async () => {
      const result = await vscode.commands.executeCommand<vscode.CallHierarchyItem[]>('vscode.prepareCallHierarchy', doc.uri, position);
      return result.length > 0 ? result : undefined;
    });
    assert.equal(item.name, 'GO_DEPS');
    assert.ok(sameFile(item.uri, workspaceFile('lib/Earthfile')), item.uri.toString());
    const incoming = await vscode.commands.executeCommand<vscode.CallHierarchyIncomingCall[]>('vscode.provideIncomingCalls', item);
    assert.deepEqual(incoming.map((call) => call.from.name).sort(), ['build', 'test']);
    const outgoing = await vscode.commands.executeCommand<vscode.CallHierarchyOutgoingCall[]>('vscode.provideOutgoingCalls', incoming.find((c) => c.from.name === 'build')!.from);
    assert.deepEqual(outgoing.map((call) => call.to.name), ['GO_DEPS']);
  });
});
