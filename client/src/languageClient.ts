// Starts the Earthfile language server and keeps it running: a crash restarts it with a message,
// and repeated crashes stop the restarts and offer a manual restart instead.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { COMMAND_IDS } from './commandIds';
import { EARTHFILE_GLOB, LANGUAGE_ID } from '../../shared/src/earthfileNames';
import { SERVER_NODE_FLAGS } from '../../shared/src/protocol';

/** More crashes than this within the window stop the automatic restarts. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;
/** The client id; vscode-languageclient reads `<id>.trace.server` for protocol tracing. */
const CLIENT_ID = 'earthly';

class RestartingErrorHandler implements ErrorHandler {
  private crashes: number[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
    if (this.crashes.length <= MAX_RESTARTS) {
      this.log.warn(`The Earthfile language server stopped unexpectedly; restarting (${this.crashes.length}/${MAX_RESTARTS}).`);
      void vscode.window.showWarningMessage('The Earthfile language server stopped unexpectedly and was restarted.');
      return { action: CloseAction.Restart, handled: true };
    }
    this.log.error(`The Earthfile language server crashed ${this.crashes.length} times in 3 minutes; not restarting it.`);
    void vscode.window
      .showErrorMessage('The Earthfile language server keeps crashing and was stopped.', 'Restart', 'Show Output')
      .then((choice) => {
        if (choice === 'Restart') void vscode.commands.executeCommand(COMMAND_IDS.restartServer);
        if (choice === 'Show Output') this.log.show();
      });
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}

export function createLanguageClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher(EARTHFILE_GLOB);
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    // Earthfiles changed on disk (or by git) update the server's workspace index.
    synchronize: { fileEvents: watcher },
    outputChannel: log,
    errorHandler: new RestartingErrorHandler(log),
  };
  return new LanguageClient(CLIENT_ID, 'Earthfile Language Server', serverOptions, clientOptions);
}
