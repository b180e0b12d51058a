// The "Registries" view of the Azure Container Registry side bar: the registries signed in (account,
// method, time left) and those configured in `acr.registries` but not signed in, with Login and Logout
// in the view's title and on each row. An empty view shows a welcome text with a Login button.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../commandIds';
import { readAcrSettings } from './acrSettings';
import type { AcrSignInStatus } from './acrSignIns';
import { describeSignIn, signInNeedsAttention, timeLeft } from './credentialsStatusBar';

export const REGISTRY_VIEW_ID = 'acr.registries';

/** A row: only the login server, so commands given the row (acr.login, acr.logout) get a plain request. */
export interface RegistryElement {
  readonly loginServer: string;
}

const REFRESH_MS = 30 * 1000;

export class RegistryTree implements vscode.TreeDataProvider<RegistryElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<RegistryElement>;
  private readonly timer: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly signIns: { status(): AcrSignInStatus[]; readonly onDidChange: vscode.Event<void> }) {
    this.view = vscode.window.createTreeView(REGISTRY_VIEW_ID, { treeDataProvider: this, showCollapseAll: false });
    this.subscriptions = [
      signIns.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('acr.registries') && this.changed.fire()),
    ];
    // The time left in each row's description goes stale; refresh it while someone can see it.
    this.timer = setInterval(() => this.view.visible && this.changed.fire(), REFRESH_MS);
  }

  getChildren(element?: RegistryElement): RegistryElement[] {
    if (element) return [];
    const signedIn = this.signIns.status().map((s) => s.loginServer);
    const configured = readAcrSettings().registries.map((r) => r.loginServer).filter((host) => !signedIn.includes(host));
    return [...signedIn.sort(), ...configured.sort()].map((loginServer) => ({ loginServer }));
  }

  getTreeItem(element: RegistryElement): vscode.TreeItem {
    const status = this.signIns.status().find((s) => s.loginServer === element.loginServer);
    const item = new vscode.TreeItem(element.loginServer, vscode.TreeItemCollapsibleState.None);
    item.id = element.loginServer;
    if (!status) {
      item.description = 'not signed in';
      item.iconPath = new vscode.ThemeIcon('circle-large-outline');
      item.contextValue = 'acr.registry.signedOut';
      item.command = { command: COMMAND_IDS.acrLogin, title: 'Login', arguments: [{ loginServer: element.loginServer }] };
      return item;
    }
    const now = Date.now();
    item.description = status.needsSignIn ? 'sign in again needed' : `${timeLeft(status.expiresAt, now)} left`;
    item.tooltip = tooltipOf(status, now);
    item.iconPath = signInNeedsAttention(status, now)
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon('key');
    item.contextValue = 'acr.registry.signedIn';
    return item;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.view.dispose();
    this.changed.dispose();
  }
}

function tooltipOf(status: AcrSignInStatus, now: number): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(`**${status.loginServer}**\n\n${status.account}, ${status.methodLabel}\n\n${describeSignIn(status, now)}`);
  markdown.isTrusted = false;
  return markdown;
}
