// Inspect opens a read-only JSON document on the `acr-inspect` scheme, whose content is read from the
// registry (registry/inspectionDocument.ts). The command reads it first, with progress, so that a failure
// is a message rather than an editor that will not open; a document restored after a reload reads again.
import * as vscode from 'vscode';
import { inspectionDocument, inspectionPath, inspectionTargetOf, type InspectionTarget } from '../../registry/inspectionDocument';
import type { RegistryBrowser } from '../../registry/registryBrowser';

export const INSPECT_SCHEME = 'acr-inspect';

export class InspectDocuments implements vscode.TextDocumentContentProvider {
  /** Content read by the command, handed to the editor once. */
  private readonly read = new Map<string, string>();

  constructor(private readonly browser: (loginServer: string) => RegistryBrowser) {}

  uriOf(target: InspectionTarget): vscode.Uri {
    return vscode.Uri.from({ scheme: INSPECT_SCHEME, path: inspectionPath(target) });
  }

  /** Reads the target, then opens its document. Rejects with the registry's error. */
  async open(target: InspectionTarget, token?: vscode.CancellationToken): Promise<vscode.TextEditor> {
    const uri = this.uriOf(target);
    this.read.set(uri.toString(), await this.content(target, token));
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ready = this.read.get(uri.toString());
    this.read.delete(uri.toString());
    if (ready !== undefined) return ready;
    const target = inspectionTargetOf(uri.path);
    if (!target) throw new Error(`${uri.toString()} does not name an image.`);
    return this.content(target, token);
  }

  private async content(target: InspectionTarget, token?: vscode.CancellationToken): Promise<string> {
    const inspection = await this.browser(target.loginServer).inspect(target.repository, target.reference, token);
    return inspectionDocument(target.loginServer, inspection);
  }
}
