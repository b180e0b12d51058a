// "Run", "Run with --push" and "Run…" above each target of an Earthfile (setting `earthly.codeLens.enable`).
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../../shared/src/earthfileNames';
import { errorMessage } from '../../../../shared/src/errorMessage';
import { runLenses } from '../run/runLenses';
import type { TargetLocation } from '../run/targetLocation';
import type { WorkspaceTargets } from './workspaceTargets';

const ENABLE_SETTING = 'codeLens.enable';

export class TargetCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly targets: WorkspaceTargets,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      this.changed,
      // The language client sends the edit to the server as it happens; VS Code asks for lenses again a
      // little later, so the request below reaches the server after the new text. Any Earthfile counts:
      // "pushes" follows BUILDs into other Earthfiles.
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.languageId === LANGUAGE_ID && event.contentChanges.length > 0) this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`earthly.${ENABLE_SETTING}`)) this.changed.fire();
      }),
    ];
  }

  /** Asks VS Code for the lenses again, e.g. when the language server has (re)started. */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (vscode.workspace.getConfiguration('earthly', document.uri).get<unknown>(ENABLE_SETTING, true) === false) return [];
    let targets;
    try {
      targets = await this.targets.targetsOf(document.uri);
    } catch (error) {
      if (!token.isCancellationRequested) this.log.warn(`No run lenses for ${document.uri.fsPath}: ${errorMessage(error)}`);
      return [];
    }
    if (token.isCancellationRequested) return [];
    return runLenses(targets).map((lens) => {
      const location: TargetLocation = { uri: document.uri.toString(), target: lens.target };
      const range = new vscode.Range(lens.line, 0, lens.line, 0);
      return new vscode.CodeLens(range, { title: lens.title, tooltip: lens.tooltip, command: lens.command, arguments: [location] });
    });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

export function registerTargetCodeLens(context: vscode.ExtensionContext, targets: WorkspaceTargets, log: vscode.LogOutputChannel): TargetCodeLensProvider {
  const provider = new TargetCodeLensProvider(targets, log);
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider([{ language: LANGUAGE_ID, scheme: 'file' }], provider),
  );
  return provider;
}
