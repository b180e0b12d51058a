// Pull: `docker pull` or `podman pull` (acr.containerClient) in the integrated terminal, after the
// registry's sign-in is made fresh. The terminal runs the client itself, not a shell, so nothing is quoted
// and nothing depends on the person's shell; the client reads the credentials sign-in wrote. It stays
// open after the pull, with how it ended, until it is closed (a terminal whose process exits would close).
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
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
    pty: new PullTerminal(found.path, [found.client, ...pullArguments(reference)]),
    iconPath: new vscode.ThemeIcon('cloud-download'),
  });
  terminal.show(true);
  return terminal;
}

const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
const toTerminal = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/** Runs `file` with `[name, ...args]` shown as its command line; closing the terminal stops it. */
class PullTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writer.event;
  private child: ChildProcess | undefined;

  constructor(
    private readonly file: string,
    private readonly shown: readonly string[],
  ) {}

  open(): void {
    this.writer.fire(`${BOLD}> ${this.shown.join(' ')}${RESET}\r\n`);
    const child = spawn(this.file, this.shown.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => this.writer.fire(toTerminal(decoder.write(chunk))));
    }
    child.on('error', (error) => this.writer.fire(toTerminal(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      this.child = undefined;
      this.writer.fire(`${DIM}${this.shown[0]} ${signal ? `stopped by ${signal}` : `exited with code ${code}`}.${RESET}\r\n`);
    });
  }

  close(): void {
    this.child?.kill();
  }
}
