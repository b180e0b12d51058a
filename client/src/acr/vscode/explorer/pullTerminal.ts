// Pull: `docker pull` or `podman pull` (acr.containerClient) in the integrated terminal, after the
// registry's sign-in is made fresh. The terminal runs the client itself, not a shell, so nothing is quoted
// and nothing depends on the person's shell; the client reads the credentials sign-in wrote.
import * as vscode from 'vscode';
import { errorMessage } from '../../../../../shared/src/errorMessage';
import { programOnPath } from '../../../../../shared/src/programOnPath';
import { chooseContainerClient, missingClientMessage, pullArguments, pullCommandText, readContainerClientSetting } from '../../registry/containerClient';
import { COMMAND_IDS } from '../../../commandIds';
import type { ExplorerPrompts } from './explorerPrompts';

const executableNames = (name: string): string[] => (process.platform === 'win32' ? [`${name}.exe`] : [name]);

export interface PullServices {
  readonly prompts: ExplorerPrompts;
  /** The sign-in's ensureFresh: renews the registry's token when due. */
  readonly ensureFresh: (loginServer: string) => Promise<void>;
}

/** Resolves with the terminal that pulls, or undefined when there is no client (the message offers the command). */
export async function pullInTerminal(loginServer: string, reference: string, services: PullServices): Promise<vscode.Terminal | undefined> {
  const setting = readContainerClientSetting(vscode.workspace.getConfiguration('acr').get('containerClient'));
  const found = chooseContainerClient(setting, (name) => programOnPath(executableNames(name)));
  if (!found) {
    const copy = 'Copy Command';
    if ((await services.prompts.error(missingClientMessage(setting), copy)) === copy) await vscode.env.clipboard.writeText(pullCommandText(setting, reference));
    return undefined;
  }
  try {
    await services.ensureFresh(loginServer);
  } catch (error) {
    // The pull would be refused: say why, and let the person sign in.
    const signIn = 'Sign in';
    if ((await services.prompts.error(errorMessage(error), signIn)) === signIn) await vscode.commands.executeCommand(COMMAND_IDS.acrLogin, { loginServer });
    return undefined;
  }
  const terminal = vscode.window.createTerminal({
    name: `${found.client} pull ${reference}`,
    shellPath: found.path,
    shellArgs: pullArguments(reference),
    iconPath: new vscode.ThemeIcon('cloud-download'),
  });
  terminal.show(true);
  return terminal;
}
