// Formatting through the real vscode API, on the demo workspace: Format Document, Format Selection
// and format on save use the providers the language server registers, indented as
// `earthly.format.indent` says.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openScratchEarthfile, waitFor, workspaceFile } from './waitFor';

const SPACES: vscode.FormattingOptions = { tabSize: 4, insertSpaces: true };

const MESSY = 'VERSION 0.8\nbuild:\n  FROM alpine:3.20\n      RUN  apk add --no-cache \\\n   curl \\\n git\n  IF [ -f Makefile ]\n  RUN make\n  END\n';
const TIDY = 'VERSION 0.8\n\nbuild:\n    FROM alpine:3.20\n    RUN apk add --no-cache \\\n        curl \\\n        git\n    IF [ -f Makefile ]\n        RUN make\n    END\n';

/** The edits of Format Document, once the language server answers with some. */
async function documentEdits(doc: vscode.TextDocument, options = SPACES): Promise<vscode.TextEdit[]> {
  return waitFor('formatting edits', async () => {
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', doc.uri, options);
    return edits && edits.length > 0 ? edits : undefined;
  });
}

async function apply(doc: vscode.TextDocument, edits: readonly vscode.TextEdit[]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.set(doc.uri, [...edits]);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edits apply');
}

/** The document's text with `edits` applied (the document itself unchanged). */
function appliedTo(doc: vscode.TextDocument, edits: readonly vscode.TextEdit[]): string {
  let text = doc.getText();
  const fromEnd = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  for (const edit of fromEnd) text = text.slice(0, doc.offsetAt(edit.range.start)) + edit.newText + text.slice(doc.offsetAt(edit.range.end));
  return text;
}

/** Waits until the language server has analysed `doc` (its diagnostics are published). */
async function analysed(doc: vscode.TextDocument): Promise<void> {
  await waitFor(`diagnostics of ${doc.uri.path}`, () => vscode.languages.getDiagnostics(doc.uri).length > 0);
}

describe('Formatting', () => {
  afterEach(closeAllEditors);

  it('formats a document with Format Document', async () => {
    const doc = await openScratchEarthfile(MESSY);
    await apply(doc, await documentEdits(doc));
    assert.equal(doc.getText(), TIDY);
  });

  it('leaves the demo Earthfile as it is: it is formatted already', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('Earthfile'));
    await vscode.window.showTextDocument(doc);
    // A document the server answers for, so that "no edits" below is its answer.
    const probe = await openScratchEarthfile(MESSY);
    await documentEdits(probe);
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', doc.uri, SPACES);
    assert.deepEqual(edits ?? [], []);
  });

  it('formats only the statements a selection touches', async () => {
    const doc = await openScratchEarthfile('VERSION 0.8\nbuild:\n  FROM   alpine\n  RUN  echo \\\n     hi\n  COPY  a  b\n');
    const range = new vscode.Range(3, 5, 3, 7);
    const edits = await waitFor('range formatting edits', async () => {
      const result = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatRangeProvider', doc.uri, range, SPACES);
      return result && result.length > 0 ? result : undefined;
    });
    await apply(doc, edits);
    assert.equal(doc.getText(), 'VERSION 0.8\nbuild:\n  FROM   alpine\n    RUN echo \\\n        hi\n  COPY  a  b\n');
  });

  it('keeps the CRLF line endings of a document', async () => {
    const doc = await openScratchEarthfile(MESSY.replace(/\n/g, '\r\n'));
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    await apply(doc, await documentEdits(doc));
    assert.equal(doc.getText(), TIDY.replace(/\n/g, '\r\n'));
  });

  it('answers no edits for a document with syntax errors', async () => {
    const doc = await openScratchEarthfile('VERSION 0.8\nbuild:\n  IF true\n      RUN  x\n');
    await analysed(doc);
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', doc.uri, SPACES);
    assert.deepEqual(edits ?? [], []);
    assert.equal(doc.getText(), 'VERSION 0.8\nbuild:\n  IF true\n      RUN  x\n');
  });

  it('indents as earthly.format.indent says: tab, or the editor\'s options with "editor"', async () => {
    const config = vscode.workspace.getConfiguration('earthly');
    const doc = await openScratchEarthfile(MESSY);
    const indented = (unit: string) => TIDY.replace(/^( {4})+/gm, (m) => unit.repeat(m.length / 4));
    /** Waits for the edits (VS Code makes them minimal) that turn the document into `expected`, and applies them. */
    const formatsTo = async (expected: string, options?: vscode.FormattingOptions) => {
      let last = '';
      const edits = await waitFor(
        `edits that make ${JSON.stringify(expected)}`,
        async () => {
          const found = await documentEdits(doc, options);
          last = appliedTo(doc, found);
          return last === expected ? found : undefined;
        },
        () => `they make ${JSON.stringify(last)}`,
      );
      await apply(doc, edits);
      assert.equal(doc.getText(), expected);
    };
    try {
      await config.update('format.indent', 'tab', vscode.ConfigurationTarget.Global);
      await formatsTo(indented('\t'));
      await config.update('format.indent', 'editor', vscode.ConfigurationTarget.Global);
      await formatsTo(indented('  '), { tabSize: 2, insertSpaces: true });
    } finally {
      await config.update('format.indent', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('formats on save when editor.formatOnSave is on for Earthfiles', async () => {
    const editorConfig = vscode.workspace.getConfiguration('editor', { languageId: 'earthfile' });
    const doc = await openScratchEarthfile('VERSION 0.8\n');
    try {
      await editorConfig.update('formatOnSave', true, vscode.ConfigurationTarget.Global, true);
      const editor = await vscode.window.showTextDocument(doc);
      // Wait until the server formats this document, so that the save below does not race its start.
      await apply(doc, [vscode.TextEdit.insert(new vscode.Position(1, 0), MESSY.slice('VERSION 0.8\n'.length))]);
      await documentEdits(doc);
      assert.equal(vscode.window.activeTextEditor, editor);
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor('the document formatted and saved', () => doc.getText() === TIDY && !doc.isDirty, () => JSON.stringify(doc.getText()));
      assert.equal((await vscode.workspace.fs.readFile(doc.uri)).toString(), TIDY);
    } finally {
      await editorConfig.update('formatOnSave', undefined, vscode.ConfigurationTarget.Global, true);
    }
  });
});
