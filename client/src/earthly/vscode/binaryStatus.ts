// The earthly binary in the workbench: a language status item for Earthfiles with its version (probed
// in the background, again when `earthly.path` changes), and the message shown when there is none.
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../../shared/src/earthfileNames';
import { errorMessage } from '../../../../shared/src/errorMessage';
import { findEarthlyBinary, INSTALL_URL, missingBinaryMessage, readEarthlyVersion, type EarthlyBinary } from '../run/earthlyBinary';
import { parseRunSettings, type RunSettings } from '../run/runSettings';

export function readRunSettings(scope?: vscode.ConfigurationScope): RunSettings {
  const config = vscode.workspace.getConfiguration('earthly', scope);
  return parseRunSettings((key) => config.get(key));
}

export async function showMissingBinary(settings: RunSettings): Promise<void> {
  const choice = await vscode.window.showErrorMessage(missingBinaryMessage(settings), 'Install Earthly', 'Configure earthly.path');
  if (choice === 'Install Earthly') await vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
  if (choice === 'Configure earthly.path') await vscode.commands.executeCommand('workbench.action.openSettings', 'earthly.path');
}

export class BinaryStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('earthly.binary', { language: LANGUAGE_ID });
  private readonly subscriptions: vscode.Disposable[];
  private probe = 0;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.item.name = 'Earthly binary';
    this.item.text = 'Earthly';
    this.subscriptions = [vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('earthly.path') && this.probed && void this.refresh())];
    // The item shows only with an Earthfile: run `earthly --version` when one is first in an editor.
    const isEarthfile = (editor: vscode.TextEditor | undefined): boolean => editor?.document.languageId === LANGUAGE_ID;
    if (vscode.window.visibleTextEditors.some(isEarthfile)) void this.refresh();
    else {
      const waiting = vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!isEarthfile(editor) || this.probed) return;
        waiting.dispose();
        void this.refresh();
      });
      this.subscriptions.push(waiting);
    }
  }

  private get probed(): boolean {
    return this.probe > 0;
  }

  /** Looks for the binary and its version again; resolves with what it found. */
  async refresh(): Promise<EarthlyBinary | undefined> {
    const probe = ++this.probe;
    const settings = readRunSettings();
    this.item.busy = true;
    this.item.text = 'Earthly';
    const binary = await findEarthlyBinary(settings.path);
    let version: string | undefined;
    let failure: string | undefined;
    if (binary) version = await readEarthlyVersion(binary).catch((error: unknown) => ((failure = errorMessage(error)), undefined));
    if (probe !== this.probe) return binary;
    this.item.busy = false;
    if (!binary) {
      this.log.warn(missingBinaryMessage(settings));
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      this.item.text = 'Earthly not found';
      this.item.detail = settings.path ? 'earthly.path is not executable' : 'not on PATH';
      this.item.command = { title: 'Install', command: 'vscode.open', arguments: [vscode.Uri.parse(INSTALL_URL)] };
      return undefined;
    }
    if (failure) this.log.warn(failure);
    else this.log.info(`Earthly binary: ${binary.path} (${version}).`);
    this.item.severity = failure ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.item.text = `${binary.name} ${version ?? '(version unknown)'}`;
    this.item.detail = binary.path;
    this.item.command = { title: 'Configure', command: 'workbench.action.openSettings', arguments: ['earthly.path'] };
    return binary;
  }

  /** The current text and detail, for tests and the API. */
  describe(): { readonly text: string; readonly detail: string | undefined } {
    return { text: this.item.text, detail: this.item.detail };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
