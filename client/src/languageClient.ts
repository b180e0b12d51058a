// Starts the Earthfile language server and keeps it running: a crash restarts it with a message,
// repeated crashes stop the restarts and offer a manual restart instead, and a server that does not
// start says so and offers the same, while the rest of the extension works on.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { EARTHFILE_GLOB, LANGUAGE_ID } from '../../shared/src/earthfileNames';
import { errorMessage } from '../../shared/src/errorMessage';
import { SERVER_NODE_FLAGS } from '../../shared/src/protocol';
import { COMMAND_IDS } from './commandIds';

/** More crashes than this within the window stop the automatic restarts. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;
/** The client id; vscode-languageclient reads `<id>.trace.server` for protocol tracing. */
const CLIENT_ID = 'earthly';

/** An error notification about the server, with its follow-ups. */
function showServerError(log: vscode.LogOutputChannel, message: string): void {
  const actions: Readonly<Record<string, () => unknown>> = {
    Restart: () => vscode.commands.executeCommand(COMMAND_IDS.restartServer),
    'Show Output': () => log.show(),
  };
  void vscode.window.showErrorMessage(message, ...Object.keys(actions)).then((choice) => choice && actions[choice]?.());
}

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
    showServerError(this.log, 'The Earthfile language server keeps crashing and was stopped.');
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}

function createLanguageClient(module: string, watcher: vscode.FileSystemWatcher, log: vscode.LogOutputChannel): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
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

/** The language client of the moment: a client whose start failed cannot start again, so a restart then makes a new one. */
export class EarthfileLanguageServer implements vscode.Disposable {
  private readonly module: string;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(EARTHFILE_GLOB);
  private readonly running = new vscode.EventEmitter<void>();
  /** Fires each time a server is running: started, restarted after a crash or by the user. */
  readonly onDidStart = this.running.event;
  private client: LanguageClient;
  private stateChanges: vscode.Disposable;

  constructor(
    context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.module = context.asAbsolutePath('dist/server.js');
    [this.client, this.stateChanges] = this.create();
  }

  private create(): [LanguageClient, vscode.Disposable] {
    const client = createLanguageClient(this.module, this.watcher, this.log);
    return [client, client.onDidChangeState(({ newState }) => newState === State.Running && this.running.fire())];
  }

  /** The client to send requests and notifications through. */
  get current(): LanguageClient {
    return this.client;
  }

  /** Starts the server; a failure is logged and shown, never thrown. */
  async start(): Promise<void> {
    try {
      await this.client.start();
      this.log.info('Earthfile language server started.');
    } catch (error) {
      const message = `The Earthfile language server did not start: ${errorMessage(error)}`;
      this.log.error(message);
      showServerError(this.log, message);
    }
  }

  async restart(): Promise<void> {
    if (this.client.state !== State.StartFailed) return this.client.restart();
    this.stateChanges.dispose();
    [this.client, this.stateChanges] = this.create();
    return this.start();
  }

  async stop(): Promise<void> {
    if (this.client.needsStop()) await this.client.stop();
  }

  dispose(): void {
    this.stateChanges.dispose();
    this.running.dispose();
    this.watcher.dispose();
  }
}
