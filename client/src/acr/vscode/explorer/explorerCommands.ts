// The Registries view's commands. Row commands take the row's node (explorerNodes.ts) as VS Code passes
// it; run without one they say where they belong. Failures are shown with the registry's own words
// (registry/registryErrors.ts), and nothing is removed without a modal confirmation naming what goes.
import * as vscode from 'vscode';
import { errorMessage } from '../../../../../shared/src/errorMessage';
import { COMMAND_IDS } from '../../../commandIds';
import { loginServerOf, readRegistrySettings } from '../../auth/signInTarget';
import { toLoginServer } from '../../cloud/loginServer';
import { deleteImageConfirmation, deleteImageRefusal, deleteRepositoryConfirmation, untagConfirmation, untagRefusal, type Confirmation } from '../../registry/deleteConfirmation';
import { digestReference, imageReference } from '../../registry/imageReferences';
import { classifyRegistryError } from '../../registry/registryErrors';
import { portalUrl, sourcesText } from '../../registry/registrySources';
import type { AcrLog } from '../acrLog';
import { readAcrSettings } from '../acrSettings';
import type { ExplorerNode, ListNode, LoadMoreNode, MessageNode, RegistryNode, RepositoryNode, TagNode } from './explorerNodes';
import type { ExplorerPrompts } from './explorerPrompts';
import { insertFrom } from './insertFrom';
import type { InspectDocuments } from './inspectDocuments';
import { pullInTerminal } from './pullTerminal';
import type { RegistryExplorer } from './registryExplorer';
import type { RegistryListingSource } from './registryListing';

export interface ExplorerCommandParts {
  readonly explorer: RegistryExplorer;
  readonly listing: RegistryListingSource;
  readonly prompts: ExplorerPrompts;
  readonly inspect: InspectDocuments;
  readonly log: AcrLog;
  readonly ensureFresh: (loginServer: string) => Promise<void>;
}

type Kind = ExplorerNode['kind'];
type NodeOf<K extends Kind> = Extract<ExplorerNode, { kind: K }>;

const isNode = <K extends Kind>(value: unknown, kinds: readonly K[]): value is NodeOf<K> =>
  typeof value === 'object' && value !== null && kinds.includes((value as { kind?: unknown }).kind as K);

const LIST_KINDS = ['registry', 'folder', 'repository'] as const;

export function registerExplorerCommands(parts: ExplorerCommandParts): vscode.Disposable[] {
  const { explorer, prompts, log } = parts;

  /** A row command run without its row (from a key binding or another extension) says where it belongs. */
  const onRow = <K extends Kind, R>(kinds: readonly K[], what: string, run: (node: NodeOf<K>) => Promise<R> | R) =>
    async (node?: unknown): Promise<R | undefined> => {
      if (isNode(node, kinds)) return run(node);
      await prompts.info(`Run "${what}" from a row of the Registries view.`);
      return undefined;
    };

  /** Shows a failure in the registry's words; resolves false. */
  const failed = async (error: unknown, loginServer: string, operation: string): Promise<false> => {
    const classified = classifyRegistryError(error, { loginServer, operation, signedIn: true });
    if (classified.kind !== 'cancelled') {
      log.warn(classified.message);
      await prompts.error(classified.message);
    }
    return false;
  };

  const withProgress = <T>(title: string, task: (token: vscode.CancellationToken) => Promise<T>): Thenable<T> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `ACR: ${title}`, cancellable: true }, (_progress, token) => task(token));

  const confirmed = (confirmation: Confirmation): Promise<boolean> => prompts.confirm(confirmation);

  const copy = async (text: string): Promise<string> => {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(check) Copied ${text}`, 3000);
    return text;
  };

  const tagReference = (node: TagNode): string => imageReference(node.loginServer, node.repository, node.tag.name);

  const addRegistry = async (given?: unknown): Promise<string | undefined> => {
    const settings = readAcrSettings();
    const typed =
      typeof given === 'string'
        ? given
        : await prompts.input({
            title: 'ACR: Add Registry',
            prompt: 'The login server (myregistry.azurecr.io) or the registry name (myregistry)',
            placeHolder: 'myregistry.azurecr.io',
            validateInput: (value) => (value.trim() === '' || loginServerOf(value, settings) ? undefined : `"${value}" is not a registry name or login server.`),
          });
    const loginServer = typed ? loginServerOf(typed, settings) : undefined;
    if (!typed || !loginServer) {
      if (typed) await prompts.error(`"${typed}" is not a registry name or login server.`);
      return undefined;
    }
    const config = vscode.workspace.getConfiguration('acr');
    const raw = config.get<unknown[]>('registries') ?? [];
    if (readRegistrySettings(raw).some((r) => r.loginServer === loginServer)) {
      await prompts.info(`${loginServer} is already in the acr.registries setting.`);
      return loginServer;
    }
    await config.update('registries', [...raw, { loginServer }], vscode.ConfigurationTarget.Global);
    return loginServer;
  };

  const removeRegistry = async (given?: unknown): Promise<boolean> => {
    const config = vscode.workspace.getConfiguration('acr');
    const raw = config.get<unknown[]>('registries') ?? [];
    const configured = readRegistrySettings(raw).map((r) => r.loginServer);
    let loginServer = isNode(given, ['registry']) ? given.loginServer : typeof given === 'string' ? toLoginServer(given) : undefined;
    if (!loginServer) {
      if (configured.length === 0) {
        await prompts.info('The acr.registries setting lists no registry.');
        return false;
      }
      loginServer = (await prompts.pick(configured.map((label) => ({ label })), { title: 'ACR: Remove Registry', placeHolder: 'The registry to remove from the acr.registries setting' }))?.label;
      if (!loginServer) return false;
    }
    if (!configured.includes(loginServer)) {
      const listed = explorer.listedRegistry(loginServer);
      await prompts.info(`${loginServer} is not in the acr.registries setting${listed ? `; it is listed from ${sourcesText(listed.sources)}` : ''}.`);
      return false;
    }
    const kept = raw.filter((entry) => readRegistrySettings([entry])[0]?.loginServer !== loginServer);
    await config.update('registries', kept, vscode.ConfigurationTarget.Global);
    return true;
  };

  const filter = async (node: ListNode, text?: unknown): Promise<string | undefined> => {
    const what = node.kind === 'repository' ? `the tags of ${node.repository}` : node.kind === 'folder' ? `the repositories in ${node.path}/` : `the repositories of ${node.loginServer}`;
    const value =
      typeof text === 'string'
        ? text
        : await prompts.input({
            title: `ACR: Filter ${what}`,
            prompt: 'Names that contain this text (^text: names that start with it); empty shows all',
            value: explorer.filterText(node),
          });
    if (value === undefined) return undefined;
    explorer.setFilter(node, value);
    return value.trim();
  };

  const untag = async (node: TagNode): Promise<boolean> => {
    const browser = explorer.browser(node.loginServer);
    const refusal = untagRefusal(node.loginServer, node.repository, node.tag);
    if (refusal) {
      await prompts.error(refusal);
      return false;
    }
    const sharing = browser.tagsOf(node.repository, node.tag.digest);
    if (!(await confirmed(untagConfirmation(node.loginServer, node.repository, node.tag.name, sharing.length > 0 ? sharing : [node.tag])))) return false;
    try {
      await withProgress(`Removing the tag ${node.repository}:${node.tag.name}…`, (token) => browser.untag(node.repository, node.tag.name, token));
    } catch (error) {
      return failed(error, node.loginServer, `remove the tag ${node.repository}:${node.tag.name}`);
    }
    explorer.refreshRepository(node.loginServer, node.repository);
    return true;
  };

  const deleteImage = async (node: TagNode): Promise<boolean> => {
    const browser = explorer.browser(node.loginServer);
    const loaded = browser.tagsOf(node.repository, node.tag.digest);
    const sharing = loaded.length > 0 ? loaded : [node.tag];
    const refusal = deleteImageRefusal(node.loginServer, node.repository, sharing);
    if (refusal) {
      await prompts.error(refusal);
      return false;
    }
    if (!(await confirmed(deleteImageConfirmation(node.loginServer, node.repository, node.tag.digest, sharing)))) return false;
    try {
      await withProgress(`Deleting ${node.repository}@${node.tag.digest.slice(0, 19)}…`, (token) => browser.deleteManifest(node.repository, node.tag.digest, token));
    } catch (error) {
      return failed(error, node.loginServer, `delete ${node.repository}@${node.tag.digest}`);
    }
    explorer.refreshRepository(node.loginServer, node.repository);
    return true;
  };

  const deleteRepository = async (node: RepositoryNode): Promise<boolean> => {
    if (!(await confirmed(deleteRepositoryConfirmation(node.loginServer, node.repository)))) return false;
    try {
      await withProgress(`Deleting the repository ${node.repository}…`, (token) => explorer.browser(node.loginServer).deleteRepository(node.repository, token));
    } catch (error) {
      return failed(error, node.loginServer, `delete the repository ${node.repository}`);
    }
    return true;
  };

  const inspect = async (node: TagNode): Promise<boolean> => {
    try {
      await withProgress(`Reading ${tagReference(node)}…`, (token) => parts.inspect.open({ loginServer: node.loginServer, repository: node.repository, reference: node.tag.name }, token));
      return true;
    } catch (error) {
      return failed(error, node.loginServer, `read the manifest of ${node.repository}:${node.tag.name}`);
    }
  };

  const openInPortal = async (node: RegistryNode): Promise<boolean> => {
    const url = portalUrl(node.loginServer, explorer.listedRegistry(node.loginServer)?.azure);
    if (!url) {
      await prompts.info(`${node.loginServer} is not an Azure registry.`);
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url));
  };

  return [
    vscode.commands.registerCommand(COMMAND_IDS.acrAddRegistry, addRegistry),
    vscode.commands.registerCommand(COMMAND_IDS.acrRemoveRegistry, removeRegistry),
    vscode.commands.registerCommand(COMMAND_IDS.acrRefresh, (node?: unknown) => explorer.refresh(isNode(node, ['registry', 'subscription', 'folder', 'repository', 'tag']) ? node : undefined)),
    vscode.commands.registerCommand(COMMAND_IDS.acrFilter, (node?: unknown, text?: unknown) => onRow(LIST_KINDS, 'ACR: Filter…', (list) => filter(list, text))(node)),
    vscode.commands.registerCommand(COMMAND_IDS.acrClearFilter, onRow(LIST_KINDS, 'ACR: Clear Filter', (list) => explorer.setFilter(list, ''))),
    vscode.commands.registerCommand(COMMAND_IDS.acrLoadMore, onRow(['loadMore'], 'Load more…', (node: LoadMoreNode) => explorer.loadMore(node.list))),
    vscode.commands.registerCommand(
      COMMAND_IDS.acrRetry,
      onRow(['message'], 'Retry', (node: MessageNode) => (node.list ? explorer.loadMore(node.list) : explorer.refresh())),
    ),
    vscode.commands.registerCommand(
      COMMAND_IDS.acrPull,
      onRow(['tag'], 'ACR: Pull', (node: TagNode) => pullInTerminal(node.loginServer, tagReference(node), { prompts, ensureFresh: parts.ensureFresh })),
    ),
    vscode.commands.registerCommand(COMMAND_IDS.acrCopyImageReference, onRow(['tag'], 'ACR: Copy Image Reference', (node: TagNode) => copy(tagReference(node)))),
    vscode.commands.registerCommand(
      COMMAND_IDS.acrCopyDigestReference,
      onRow(['tag'], 'ACR: Copy Reference with Digest', (node: TagNode) => copy(digestReference(node.loginServer, node.repository, node.tag.digest))),
    ),
    vscode.commands.registerCommand(
      COMMAND_IDS.acrInsertFrom,
      onRow(['tag'], 'ACR: Insert FROM', (node: TagNode) =>
        insertFrom(tagReference(node), () => parts.listing.targets(), prompts).catch(async (error: unknown) => {
          await prompts.error(`Could not insert FROM ${tagReference(node)}: ${errorMessage(error)}`);
          return false;
        }),
      ),
    ),
    vscode.commands.registerCommand(COMMAND_IDS.acrInspect, onRow(['tag'], 'ACR: Inspect', inspect)),
    vscode.commands.registerCommand(COMMAND_IDS.acrUntag, onRow(['tag'], 'ACR: Untag', untag)),
    vscode.commands.registerCommand(COMMAND_IDS.acrDeleteImage, onRow(['tag'], 'ACR: Delete Image', deleteImage)),
    vscode.commands.registerCommand(
      COMMAND_IDS.acrCopyRepositoryName,
      onRow(['repository'], 'ACR: Copy Name', (node: RepositoryNode) => copy(`${node.loginServer}/${node.repository}`)),
    ),
    vscode.commands.registerCommand(COMMAND_IDS.acrDeleteRepository, onRow(['repository'], 'ACR: Delete Repository', deleteRepository)),
    vscode.commands.registerCommand(COMMAND_IDS.acrCopyLoginServer, onRow(['registry'], 'ACR: Copy Login Server', (node: RegistryNode) => copy(node.loginServer))),
    vscode.commands.registerCommand(COMMAND_IDS.acrOpenInPortal, onRow(['registry'], 'ACR: Open in Azure Portal', openInPortal)),
  ];
}
