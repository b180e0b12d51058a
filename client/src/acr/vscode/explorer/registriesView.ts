// Sets up the Registries view: the tree, its sources, its commands, Inspect's documents, drag and drop of
// tags into Earthfiles, and the test hooks. The Azure SDK loads only when a registry is first expanded.
import * as vscode from 'vscode';
import { COMMAND_IDS, TEST_COMMAND_IDS } from '../../../commandIds';
import type { AcrLog } from '../acrLog';
import { AzureSubscriptions } from './azureSubscriptions';
import { registerExplorerCommands } from './explorerCommands';
import { ExplorerPrompts } from './explorerPrompts';
import { INSPECT_SCHEME, InspectDocuments } from './inspectDocuments';
import { RegistryExplorer, type ExplorerSignIns } from './registryExplorer';
import { RegistryListingSource, type WorkspaceEarthfiles } from './registryListing';
import { FromLineDropProvider, registerTagDrop, TagDragAndDrop } from './tagDragAndDrop';

export interface RegistriesViewParts {
  readonly signIns: () => ExplorerSignIns;
  readonly onDidChangeSignIns: vscode.Event<void>;
  readonly log: AcrLog;
  readonly ensureFresh: (loginServer: string) => Promise<void>;
}

/** The view's part of the ACR API. */
export interface RegistriesView {
  /** The tree's data provider, as VS Code calls it (tests walk the tree with it). */
  readonly tree: RegistryExplorer;
  readonly dragAndDrop: TagDragAndDrop;
  readonly dropProvider: FromLineDropProvider;
  /** The Earthly side hands in the workspace's Earthfiles once the language client is set up. */
  useEarthfiles(source: WorkspaceEarthfiles): vscode.Disposable;
}

export function registerRegistriesView(context: vscode.ExtensionContext, parts: RegistriesViewParts): RegistriesView {
  const signedIn = () => parts.signIns().status().map((s) => s.loginServer);
  const azure = new AzureSubscriptions({
    entraSignIns: () => parts.signIns().entraSignIns(),
    entraSignInKeys: () => parts.signIns().status().flatMap((s) => (s.method === 'adminUser' ? [] : [`${s.method} ${s.loginServer}`])).sort(),
    onDidChangeSignIns: parts.onDidChangeSignIns,
    state: context.globalState,
    log: parts.log,
  });
  const listing = new RegistryListingSource(signedIn, azure, parts.log);
  let callTimeoutMs: number | undefined;
  const dragAndDrop = new TagDragAndDrop();
  const tree = new RegistryExplorer({ ...parts, listing, callTimeoutMs: () => callTimeoutMs }, dragAndDrop);
  const prompts = new ExplorerPrompts();
  const inspect = new InspectDocuments((loginServer) => tree.browser(loginServer));
  context.subscriptions.push(
    azure,
    listing,
    tree,
    vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, inspect),
    registerTagDrop(),
    ...registerExplorerCommands({ explorer: tree, listing, prompts, inspect, log: parts.log, ensureFresh: parts.ensureFresh }),
    vscode.commands.registerCommand(COMMAND_IDS.acrSelectSubscriptions, () => azure.choose(prompts)),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(
      vscode.commands.registerCommand(TEST_COMMAND_IDS.acrScriptPrompts, (answers?: unknown[]) => prompts.useScript(answers)),
      vscode.commands.registerCommand(TEST_COMMAND_IDS.acrSetCallTimeout, (ms?: number) => {
        callTimeoutMs = ms;
        tree.refresh();
      }),
    );
  }
  return { tree, dragAndDrop, dropProvider: new FromLineDropProvider(), useEarthfiles: (source) => listing.useEarthfiles(source) };
}
