// Entry point: registers everything lazily; nothing heavy runs at activation.
import * as vscode from 'vscode';
import { DidChangeWatchedFilesNotification } from 'vscode-languageclient/node';
import { SERVER_INFO_REQUEST, TARGETS_REQUEST, type ServerInfo, type TargetsResult } from '../../shared/src/protocol';
import { registerAcr, type AcrApi } from './acr';
import { COMMAND_IDS } from './commandIds';
import { registerEarthlyRunner, type EarthlyRunnerApi } from './earthly/vscode/earthlyRunner';
import { registerRunCommands } from './earthly/vscode/runCommands';
import { registerTargetCodeLens } from './earthly/vscode/targetCodeLens';
import { EarthfileLanguageServer } from './languageClient';

/** The output channel the client logs to, and the language server through it. */
const OUTPUT_CHANNEL = 'Earthly';

let languageServer: EarthfileLanguageServer | undefined;

/** What the extension offers to its own tests and to other extensions. */
export interface EarthlyApi {
  /** Information about the running language server, or undefined while it is not running. */
  serverInfo(): Promise<ServerInfo | undefined>;
  /** Azure Container Registry sign-ins, for the registry tree and the Earthly runner. */
  readonly acr: AcrApi;
  /** The Earthly runner: workspace targets, finished runs, the binary's status. */
  readonly earthly: EarthlyRunnerApi;
}

export async function activate(context: vscode.ExtensionContext): Promise<EarthlyApi> {
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL, { log: true });
  context.subscriptions.push(log);
  // ACR first: its commands must work even when the language server fails to start.
  const acr = registerAcr(context);

  const server = new EarthfileLanguageServer(context, log);
  languageServer = server;
  context.subscriptions.push(
    server,
    vscode.commands.registerCommand(COMMAND_IDS.restartServer, async () => {
      log.info('Restarting the Earthfile language server.');
      await server.restart();
    }),
    vscode.commands.registerCommand(COMMAND_IDS.showOutput, () => log.show()),
  );
  const earthly = registerEarthlyRunner(context, log, acr, {
    request: (params) => {
      const client = server.current;
      return client.sendRequest<TargetsResult>(TARGETS_REQUEST, params).catch((error: unknown) => {
        if (client.isRunning()) throw error;
        throw new Error('the Earthfile language server is not running; "Earthly: Restart Language Server" starts it.');
      });
    },
    filesChanged: (changes) => server.current.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [...changes] }),
  });
  // The Registries view lists the registries the Earthfiles use, and Insert FROM offers their targets.
  context.subscriptions.push(
    acr.explorer.useEarthfiles({
      registryHosts: async () => (await earthly.targets.list()).flatMap((t) => t.target.registries),
      targets: async () =>
        (await earthly.targets.list()).map((t) => ({
          reference: t.reference,
          earthfile: t.earthfile,
          line: t.target.line,
          ...((vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? { folder: t.folder.name } : {}),
        })),
      // Also when the server (re)starts: a listing asked before it ran found no Earthfile.
      onDidChange: (listener) => vscode.Disposable.from(earthly.targets.onDidChange(listener), server.onDidStart(() => listener())),
    }),
  );
  const codeLens = registerTargetCodeLens(context, earthly.targets, log);
  context.subscriptions.push(server.onDidStart(() => codeLens.refresh()));
  registerRunCommands(context, earthly.targets, earthly.tasks, log);
  // A server that does not start is shown with "Restart"; ACR and the Earthly tasks work without it.
  await server.start();

  return {
    serverInfo: async () => (server.current.isRunning() ? server.current.sendRequest<ServerInfo>(SERVER_INFO_REQUEST) : undefined),
    acr,
    earthly,
  };
}

export async function deactivate(): Promise<void> {
  await languageServer?.stop();
  languageServer = undefined;
}
