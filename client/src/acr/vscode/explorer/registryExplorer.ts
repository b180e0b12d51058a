// The Registries view: registries (from settings, sign-ins, Earthfiles and Azure) -> repositories, nested
// names as folders -> tags, newest first. Lists load a page at a time: the first when a row is expanded,
// the next from a "Load more…" row. A failed load becomes a row under its parent with the action that fixes
// it; a registry not signed in shows a "Sign in" row. What was loaded lives in one RegistryBrowser per
// registry (registry/registryBrowser.ts); rows are rendered from it.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../../commandIds';
import type { AcrSignInStatus, EntraSignIn } from '../../auth/signInSession';
import { loadRegistryData } from '../../azure/azureBundle';
import type { Cancellation } from '../../registry/cancellation';
import type { RegistryCredentials } from '../../registry/dataSource';
import { ACTION_TITLES, contextValue, emptyListText, errorRowAction, filterDescription, joinDescription, tagDescription, tagTooltip } from '../../registry/explorerRows';
import { folderNode, RegistryBrowser, tagsNode } from '../../registry/registryBrowser';
import { RegistryCalls } from '../../registry/registryCalls';
import { classifyRegistryError, RegistryError } from '../../registry/registryErrors';
import { errorMessage } from '../../../../../shared/src/errorMessage';
import { portalUrl, sourcesText, type ListedRegistry } from '../../registry/registrySources';
import type { AcrLog } from '../acrLog';
import { describeSignIn, signInNeedsAttention, timeLeft } from '../credentialsStatusBar';
import { folderPathOf, nodeIds, type ExplorerNode, type FolderNode, type ListNode, type LoadMoreNode, type MessageNode, type RegistryNode, type RepositoryNode, type SubscriptionNode, type TagNode } from './explorerNodes';
import type { ExplorerListing, RegistryListingSource } from './registryListing';

export const REGISTRY_VIEW_ID = 'acr.registries';

/** A listing slower than this also shows a notification that can cancel it. */
const SLOW_LISTING_MS = 1500;
/** The time left in a signed-in row's description goes stale; it is checked this often while the view is visible. */
const STATUS_REFRESH_MS = 30 * 1000;

/** The sign-ins as the tree uses them (replaced on a restart of the sign-in session, hence a getter). */
export interface ExplorerSignIns {
  status(): AcrSignInStatus[];
  registryCredentials(loginServer: string): RegistryCredentials;
  entraSignIns(): Promise<EntraSignIn[]>;
}

interface RegistryState {
  readonly browser: RegistryBrowser;
  /** The error of the last load of each list (by list node id), until the list loads again. */
  readonly errors: Map<string, RegistryError>;
}

export interface ExplorerOptions {
  readonly signIns: () => ExplorerSignIns;
  readonly onDidChangeSignIns: vscode.Event<void>;
  readonly listing: RegistryListingSource;
  readonly log: AcrLog;
  /** Per registry call; tests shorten it to see a timeout. */
  readonly callTimeoutMs?: () => number | undefined;
}

export class RegistryExplorer implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, ExplorerNode>();
  private readonly states = new Map<string, RegistryState>();
  private listed = new Map<string, ListedRegistry>();
  private listingGroups: ExplorerListing | undefined;
  private signedIn: ReadonlySet<string>;
  /** The description each registry row was last given, so the timer refreshes only rows whose text changed. */
  private readonly descriptions = new Map<string, string>();
  /** Nodes to refresh at the end of this turn: catalog pages change several folders at once. */
  private pending: Set<ExplorerNode> | undefined;
  private readonly view: vscode.TreeView<ExplorerNode>;
  private readonly timer: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly options: ExplorerOptions,
    dragAndDrop?: vscode.TreeDragAndDropController<ExplorerNode>,
  ) {
    this.signedIn = this.currentSignIns();
    this.view = vscode.window.createTreeView(REGISTRY_VIEW_ID, { treeDataProvider: this, showCollapseAll: true, canSelectMany: false, ...(dragAndDrop ? { dragAndDropController: dragAndDrop } : {}) });
    this.subscriptions = [options.onDidChangeSignIns(() => this.signInsChanged()), options.listing.onDidChange(() => this.changed.fire(undefined))];
    this.timer = setInterval(() => this.view.visible && this.refreshStaleDescriptions(), STATUS_REFRESH_MS);
  }

  // ---- what the tree shows ----

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.rootChildren();
    switch (node.kind) {
      case 'subscription':
        return this.subscriptionChildren(node);
      case 'registry':
        if (!this.signedIn.has(node.loginServer)) return [this.message(node.loginServer, nodeIds.message(node.id, 'signIn'), 'Sign in to list the repositories')];
        return this.folderChildren(node);
      case 'folder':
        return this.folderChildren(node);
      case 'repository':
        return this.tagChildren(node);
      default:
        return [];
    }
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'registry':
        return this.registryItem(node);
      case 'subscription': {
        const group = this.listingGroups?.subscriptions.find((s) => s.subscriptionId === node.subscriptionId);
        return item(node, group?.subscriptionName ?? node.subscriptionId, vscode.TreeItemCollapsibleState.Expanded, {
          description: node.subscriptionId,
          icon: 'azure',
          contextValue: 'acr.subscription',
        });
      }
      case 'folder':
        return item(node, node.path.slice(node.path.lastIndexOf('/') + 1), vscode.TreeItemCollapsibleState.Collapsed, {
          description: filterDescription(this.filterText(node)),
          icon: 'folder',
          contextValue: contextValue('acr.folder', { filtered: this.filterText(node) !== '' }),
          tooltip: `${node.loginServer}/${node.path}/`,
        });
      case 'repository':
        return item(node, node.repository.slice(node.repository.lastIndexOf('/') + 1), vscode.TreeItemCollapsibleState.Collapsed, {
          description: filterDescription(this.filterText(node)),
          icon: 'repo',
          contextValue: contextValue('acr.repository', { filtered: this.filterText(node) !== '' }),
          tooltip: `${node.loginServer}/${node.repository}`,
        });
      case 'tag': {
        const locked = !node.tag.canDelete || !node.tag.canWrite;
        return item(node, node.tag.name, vscode.TreeItemCollapsibleState.None, {
          description: tagDescription(node.tag, Date.now()),
          icon: locked ? 'lock' : 'tag',
          contextValue: contextValue('acr.tag', { locked }),
          tooltip: markdown(tagTooltip(node.loginServer, node.repository, node.tag)),
        });
      }
      case 'loadMore':
        return item(node, 'Load more…', vscode.TreeItemCollapsibleState.None, {
          icon: 'ellipsis',
          contextValue: 'acr.loadMore',
          command: { command: COMMAND_IDS.acrLoadMore, title: 'Load more', arguments: [node] },
        });
      case 'message':
        return this.messageItem(node);
    }
  }

  private async rootChildren(): Promise<ExplorerNode[]> {
    const listing = await this.options.listing.listing();
    this.listingGroups = listing;
    this.listed = new Map([...listing.registries, ...listing.subscriptions.flatMap((s) => s.registries)].map((r) => [r.loginServer, r]));
    return [
      ...listing.registries.map((r) => this.registryNode(r.loginServer)),
      ...listing.subscriptions.map((s) => this.intern<SubscriptionNode>({ kind: 'subscription', id: nodeIds.subscription(s.subscriptionId), subscriptionId: s.subscriptionId })),
      ...listing.azureErrors.map((error, i) => this.failure('', `azure-${i}`, `Could not list your Azure subscriptions: ${errorMessage(error)}`)),
      ...(listing.azurePending ? [this.message('', nodeIds.message('azure', 'pending'), 'Listing your Azure subscriptions…')] : []),
    ];
  }

  private subscriptionChildren(node: SubscriptionNode): ExplorerNode[] {
    const group = this.listingGroups?.subscriptions.find((s) => s.subscriptionId === node.subscriptionId);
    if (!group) return [];
    if (group.error !== undefined) return [this.failure('', node.id, `Could not list the registries of ${group.subscriptionName}: ${errorMessage(group.error)}`)];
    if (group.registries.length === 0) return [this.message('', nodeIds.message(node.id, 'empty'), 'No registries')];
    return group.registries.map((r) => this.registryNode(r.loginServer));
  }

  /** A failure outside a registry (Azure Resource Manager's): Retry lists the view again. */
  private failure(loginServer: string, owner: string, text: string): MessageNode {
    const node = this.message(loginServer, nodeIds.message(owner, 'error'), text);
    node.error = new RegistryError('unexpected', text, 'retry');
    return node;
  }

  private async folderChildren(list: RegistryNode | FolderNode): Promise<ExplorerNode[]> {
    const state = this.state(list.loginServer);
    const path = folderPathOf(list);
    if (state.browser.folderChildren(path).length === 0 && state.browser.folderHasMore(path) && !state.errors.has(list.id)) await this.load(list);
    const rows: ExplorerNode[] = [];
    for (const entry of state.browser.folderChildren(path)) {
      if (entry.isFolder) rows.push(this.intern<FolderNode>({ kind: 'folder', id: nodeIds.folder(list.loginServer, entry.path), loginServer: list.loginServer, path: entry.path }));
      if (entry.isRepository) rows.push(this.intern<RepositoryNode>({ kind: 'repository', id: nodeIds.repository(list.loginServer, entry.path), loginServer: list.loginServer, repository: entry.path }));
    }
    return [...rows, ...this.listEnd(list, state, rows.length === 0, state.browser.folderHasMore(path), 'repositories')];
  }

  private async tagChildren(list: RepositoryNode): Promise<ExplorerNode[]> {
    const state = this.state(list.loginServer);
    const { browser } = state;
    if (browser.tags(list.repository).length === 0 && browser.tagsHaveMore(list.repository) && !state.errors.has(list.id)) await this.load(list);
    const rows = browser.tags(list.repository).map((tag) => {
      const node = this.intern<TagNode>({ kind: 'tag', id: nodeIds.tag(list.loginServer, list.repository, tag.name), loginServer: list.loginServer, repository: list.repository, tag });
      node.tag = tag;
      return node;
    });
    return [...rows, ...this.listEnd(list, state, rows.length === 0, browser.tagsHaveMore(list.repository), 'tags')];
  }

  /** After a list's items: its error, else "Load more…", else what an empty list says. */
  private listEnd(list: ListNode, state: RegistryState, empty: boolean, hasMore: boolean, kind: 'repositories' | 'tags'): ExplorerNode[] {
    const error = state.errors.get(list.id);
    if (error) {
      const node = this.message(list.loginServer, nodeIds.message(list.id, 'error'), error.message, list);
      node.error = error;
      return [node];
    }
    if (hasMore) return [this.intern<LoadMoreNode>({ kind: 'loadMore', id: nodeIds.loadMore(list), loginServer: list.loginServer, list })];
    return empty ? [this.message(list.loginServer, nodeIds.message(list.id, 'empty'), emptyListText(kind, this.filterText(list)), list)] : [];
  }

  private registryItem(node: RegistryNode): vscode.TreeItem {
    const status = this.options.signIns().status().find((s) => s.loginServer === node.loginServer);
    const listed = this.listed.get(node.loginServer);
    const filter = this.filterText(node);
    const description = this.registryDescription(node.loginServer, status);
    this.descriptions.set(node.loginServer, description);
    const now = Date.now();
    const sources = listed ? `\n\nListed from ${sourcesText(listed.sources)}.` : '';
    return item(node, node.loginServer, vscode.TreeItemCollapsibleState.Collapsed, {
      description,
      icon: !status ? 'circle-large-outline' : signInNeedsAttention(status, now) ? 'warning' : 'key',
      ...(status && signInNeedsAttention(status, now) ? { iconColor: 'list.warningForeground' } : {}),
      contextValue: contextValue(status ? 'acr.registry.signedIn' : 'acr.registry.signedOut', {
        settings: listed?.sources.includes('settings') ?? false,
        azure: portalUrl(node.loginServer) !== undefined,
        filtered: filter !== '',
      }),
      tooltip: markdown(`**${node.loginServer}**\n\n${status ? `${status.account}, ${status.methodLabel}\n\n${describeSignIn(status, now)}` : 'Not signed in.'}${sources}`),
    });
  }

  private registryDescription(loginServer: string, status: AcrSignInStatus | undefined): string {
    const signIn = !status ? 'not signed in' : status.needsSignIn ? 'sign in again needed' : `${timeLeft(status.expiresAt, Date.now())} left`;
    const listed = this.listed.get(loginServer);
    return joinDescription(signIn, listed ? sourcesText(listed.sources) : '', filterDescription(this.filterText(this.registryNode(loginServer))));
  }

  private messageItem(node: MessageNode): vscode.TreeItem {
    if (!node.error) {
      const signIn = node.id.startsWith('signIn:');
      return item(node, node.text, vscode.TreeItemCollapsibleState.None, {
        icon: signIn ? 'sign-in' : node.id.startsWith('pending:') ? 'loading~spin' : 'info',
        contextValue: signIn ? 'acr.signIn' : 'acr.empty',
        ...(signIn ? { command: { command: COMMAND_IDS.acrLogin, title: 'Sign in', arguments: [{ loginServer: node.loginServer }] } } : {}),
      });
    }
    const action = errorRowAction(node.error);
    const commands: Record<NonNullable<typeof action>, vscode.Command> = {
      signIn: { command: COMMAND_IDS.acrLogin, title: ACTION_TITLES.signIn, arguments: [{ loginServer: node.loginServer }] },
      retry: { command: COMMAND_IDS.acrRetry, title: ACTION_TITLES.retry, arguments: [node] },
      openSettings: { command: 'workbench.action.openSettings', title: ACTION_TITLES.openSettings, arguments: ['acr.registries'] },
    };
    return item(node, node.text, vscode.TreeItemCollapsibleState.None, {
      description: action ? ACTION_TITLES[action] : '',
      icon: node.error.kind === 'throttled' || node.error.kind === 'cancelled' ? 'warning' : 'error',
      iconColor: node.error.kind === 'throttled' || node.error.kind === 'cancelled' ? 'list.warningForeground' : 'list.errorForeground',
      contextValue: contextValue('acr.error', action ? { [action]: true } : {}),
      tooltip: markdown(`${node.text}${action ? `\n\n${ACTION_TITLES[action]}: click the row.` : ''}`),
      ...(action ? { command: commands[action] } : {}),
    });
  }

  // ---- what commands do to it ----

  /** The registry's browser, made on first use (which loads the Azure SDK bundle). */
  browser(loginServer: string): RegistryBrowser {
    return this.state(loginServer).browser;
  }

  listedRegistry(loginServer: string): ListedRegistry | undefined {
    return this.listed.get(loginServer);
  }

  /** Loads the next page of a list ("Load more…", Retry) and shows the outcome. */
  async loadMore(list: ListNode): Promise<void> {
    await this.load(list);
    this.refreshNode(list);
  }

  filterText(list: ListNode): string {
    return this.states.get(list.loginServer)?.browser.filters.text(this.filterNodeOf(list)) ?? '';
  }

  setFilter(list: ListNode, text: string): void {
    const state = this.state(list.loginServer);
    state.browser.setFilter(this.filterNodeOf(list), text);
    state.errors.delete(list.id);
    this.refreshNode(list);
  }

  /** Refresh: a list reads its first page again; a registry or a folder its whole catalog; nothing given, the view. */
  refresh(node?: ExplorerNode): void {
    if (!node || node.kind === 'subscription') {
      this.states.clear();
      this.nodes.clear();
      this.options.listing.invalidate();
      this.changed.fire(undefined);
      return;
    }
    const state = this.states.get(node.loginServer);
    if (node.kind === 'repository' || node.kind === 'tag') {
      const repository = node.kind === 'repository' ? node : this.nodes.get(nodeIds.repository(node.loginServer, node.repository));
      state?.browser.refreshTags(node.repository);
      if (repository) state?.errors.delete(repository.id);
      this.refreshNode(repository);
      return;
    }
    if (state) {
      state.errors.clear();
      state.browser.refresh();
    }
    this.refreshNode(this.registryNode(node.loginServer));
  }

  /** Re-renders a repository's tags from what is loaded (after an untag or a delete). */
  refreshRepository(loginServer: string, repository: string): void {
    this.refreshNode(this.nodes.get(nodeIds.repository(loginServer, repository)));
  }

  /** Re-renders a node and its children from what is loaded. */
  refreshNode(node: ExplorerNode | undefined): void {
    if (!node) return;
    if (!this.pending) {
      this.pending = new Set();
      queueMicrotask(() => {
        const nodes = this.pending!;
        this.pending = undefined;
        for (const n of nodes) this.changed.fire(n);
      });
    }
    this.pending.add(node);
  }

  // ---- loading ----

  private async load(list: ListNode): Promise<void> {
    const state = this.state(list.loginServer);
    state.errors.delete(list.id);
    const what = list.kind === 'repository' ? `the tags of ${list.repository}` : list.kind === 'folder' ? `the repositories in ${list.path}/` : 'the repositories';
    try {
      await this.withListingProgress(`ACR: Listing ${what} in ${list.loginServer}…`, (cancellation) =>
        list.kind === 'repository' ? state.browser.loadTags(list.repository, cancellation) : state.browser.loadFolder(folderPathOf(list), cancellation),
      );
    } catch (error) {
      const classified = classifyRegistryError(error, { loginServer: list.loginServer, operation: `list ${what}`, signedIn: this.signedIn.has(list.loginServer) });
      this.options.log.warn(classified.message);
      state.errors.set(list.id, classified);
    }
  }

  /** The view shows progress at once; a listing that takes longer also gets a notification with Cancel. */
  private async withListingProgress(title: string, task: (cancellation: Cancellation) => Promise<void>): Promise<void> {
    const source = new vscode.CancellationTokenSource();
    const work = task(source.token);
    const settled = work.catch(() => undefined);
    void vscode.window.withProgress({ location: { viewId: REGISTRY_VIEW_ID } }, () => settled);
    const timer = setTimeout(() => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
        token.onCancellationRequested(() => source.cancel());
        return settled;
      });
    }, SLOW_LISTING_MS);
    try {
      await work;
    } finally {
      clearTimeout(timer);
      source.dispose();
    }
  }

  private state(loginServer: string): RegistryState {
    let state = this.states.get(loginServer);
    if (!state) {
      const credentials: RegistryCredentials = {
        ensureFresh: () => this.options.signIns().registryCredentials(loginServer).ensureFresh(),
        renew: () => this.options.signIns().registryCredentials(loginServer).renew(),
        refreshToken: () => this.options.signIns().registryCredentials(loginServer).refreshToken(),
      };
      const data = loadRegistryData().createRegistryData({ loginServer, refreshToken: () => credentials.refreshToken() });
      const timeoutMs = this.options.callTimeoutMs?.();
      const calls = new RegistryCalls({ loginServer, data, ...(this.signedIn.has(loginServer) ? { credentials } : {}), ...(timeoutMs ? { timeoutMs } : {}) });
      const browser = new RegistryBrowser(calls, { onFoldersChanged: (paths) => this.foldersChanged(loginServer, paths) });
      state = { browser, errors: new Map() };
      this.states.set(loginServer, state);
    }
    return state;
  }

  private foldersChanged(loginServer: string, paths: readonly string[]): void {
    for (const path of paths) this.refreshNode(path === '' ? this.registryNode(loginServer) : this.nodes.get(nodeIds.folder(loginServer, path)));
  }

  private filterNodeOf(list: ListNode): string {
    return list.kind === 'repository' ? tagsNode(list.repository) : folderNode(folderPathOf(list));
  }

  // ---- nodes ----

  private intern<T extends ExplorerNode>(node: T): T {
    const known = this.nodes.get(node.id);
    if (known && known.kind === node.kind) return known as T;
    this.nodes.set(node.id, node);
    return node;
  }

  private registryNode(loginServer: string): RegistryNode {
    return this.intern<RegistryNode>({ kind: 'registry', id: nodeIds.registry(loginServer), loginServer });
  }

  private message(loginServer: string, id: string, text: string, list?: ListNode): MessageNode {
    const node = this.intern<MessageNode>({ kind: 'message', id, loginServer, text, ...(list ? { list } : {}) });
    node.text = text;
    node.error = undefined;
    return node;
  }

  // ---- sign-ins ----

  private currentSignIns(): ReadonlySet<string> {
    return new Set(this.options.signIns().status().map((s) => s.loginServer));
  }

  /** A registry signed in or out is read again with its new credentials. */
  private signInsChanged(): void {
    const now = this.currentSignIns();
    for (const loginServer of new Set([...now, ...this.signedIn])) {
      if (now.has(loginServer) !== this.signedIn.has(loginServer)) this.states.delete(loginServer);
    }
    this.signedIn = now;
    this.changed.fire(undefined);
  }

  private refreshStaleDescriptions(): void {
    const statuses = this.options.signIns().status();
    for (const [loginServer, shown] of this.descriptions) {
      const status = statuses.find((s) => s.loginServer === loginServer);
      if (this.registryDescription(loginServer, status) !== shown) this.refreshNode(this.registryNode(loginServer));
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.view.dispose();
    this.changed.dispose();
  }
}

interface ItemParts {
  readonly description?: string;
  readonly icon: string;
  readonly iconColor?: string;
  readonly contextValue: string;
  readonly tooltip?: string | vscode.MarkdownString;
  readonly command?: vscode.Command;
}

function item(node: ExplorerNode, label: string, state: vscode.TreeItemCollapsibleState, parts: ItemParts): vscode.TreeItem {
  const treeItem = new vscode.TreeItem(label, state);
  treeItem.id = node.id;
  if (parts.description) treeItem.description = parts.description;
  treeItem.iconPath = new vscode.ThemeIcon(parts.icon, parts.iconColor ? new vscode.ThemeColor(parts.iconColor) : undefined);
  treeItem.contextValue = parts.contextValue;
  if (parts.tooltip) treeItem.tooltip = parts.tooltip;
  if (parts.command) treeItem.command = parts.command;
  return treeItem;
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.isTrusted = false;
  return md;
}

