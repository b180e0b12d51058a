// Dragging a tag from the Registries view into an Earthfile inserts its FROM line: the tree puts the image
// reference on the drag, and a drop provider for Earthfiles turns it into a statement of its own at the
// drop line, indented like its neighbours (registry/imageReferences.ts). Other editors get the line as text.
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../../../shared/src/earthfileNames';
import { fromLine, imageReference, statementInsertion } from '../../registry/imageReferences';
import type { ExplorerNode } from './explorerNodes';

/** The dragged image references, one a line. */
export const IMAGE_REFERENCE_MIME = 'application/vnd.earthly-acr.image-reference';

export class TagDragAndDrop implements vscode.TreeDragAndDropController<ExplorerNode> {
  readonly dragMimeTypes = [IMAGE_REFERENCE_MIME, 'text/plain'];
  readonly dropMimeTypes: readonly string[] = [];

  handleDrag(source: readonly ExplorerNode[], dataTransfer: vscode.DataTransfer): void {
    const references = source.flatMap((node) => (node.kind === 'tag' ? [imageReference(node.loginServer, node.repository, node.tag.name)] : []));
    if (references.length === 0) return;
    dataTransfer.set(IMAGE_REFERENCE_MIME, new vscode.DataTransferItem(references.join('\n')));
    dataTransfer.set('text/plain', new vscode.DataTransferItem(references.map(fromLine).join('\n')));
  }
}

const FROM_LINE_KIND = vscode.DocumentDropOrPasteEditKind.Text.append('earthly', 'from');

export class FromLineDropProvider implements vscode.DocumentDropEditProvider {
  async provideDocumentDropEdits(document: vscode.TextDocument, position: vscode.Position, dataTransfer: vscode.DataTransfer): Promise<vscode.DocumentDropEdit | undefined> {
    const reference = (await dataTransfer.get(IMAGE_REFERENCE_MIME)?.asString())?.split('\n')[0];
    if (!reference) return undefined;
    const lines = document.getText().split(/\r?\n/);
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const insertion = statementInsertion(lines, position.line, fromLine(reference), eol);
    const edit = new vscode.DocumentDropEdit('', 'Insert FROM line', FROM_LINE_KIND);
    edit.additionalEdit = new vscode.WorkspaceEdit();
    edit.additionalEdit.replace(document.uri, new vscode.Range(insertion.line, insertion.start, insertion.line, insertion.end), insertion.text);
    return edit;
  }
}

export function registerTagDrop(): vscode.Disposable {
  return vscode.languages.registerDocumentDropEditProvider({ language: LANGUAGE_ID }, new FromLineDropProvider(), {
    dropMimeTypes: [IMAGE_REFERENCE_MIME],
    providedDropEditKinds: [FROM_LINE_KIND],
  });
}
