// The registries of the Azure subscriptions the Entra ID sign-ins can see (registry/armDiscovery.ts over
// the ARM SDK bundle, loaded on first use), read when the view first lists them and again after Refresh or
// when the Entra ID sign-ins change; and "ACR: Select Subscriptions…", whose choice is kept in globalState.
import * as vscode from 'vscode';
import { errorMessage } from '../../../../../shared/src/errorMessage';
import type { EntraSignIn } from '../../auth/signInSession';
import { loadArmRegistries } from '../../azure/azureBundle';
import { discoverRegistries, type ArmDiscovery } from '../../registry/armDiscovery';
import type { AcrLog } from '../acrLog';
import type { ExplorerPrompts } from './explorerPrompts';

const CHOSEN_KEY = 'acr.subscriptions';

export interface AzureSubscriptionsParts {
  /** One credential per Entra ID identity signed in (the admin user has none). */
  readonly entraSignIns: () => Promise<EntraSignIn[]>;
  /** The Entra ID sign-ins as `method loginServer` lines: discovery runs again only when these change. */
  readonly entraSignInKeys: () => readonly string[];
  readonly onDidChangeSignIns: vscode.Event<void>;
  readonly state: vscode.Memento;
  readonly log: AcrLog;
}

/** Azure Resource Manager of a sign-in: `acr.resourceManagerEndpoint` (Azure Stack, stand-ins), else the cloud's, which is its audience. */
function armEndpoint(audience: string): string {
  return vscode.workspace.getConfiguration('acr').get<string>('resourceManagerEndpoint') || audience;
}

export class AzureSubscriptions implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private cached: Promise<ArmDiscovery | undefined> | undefined;
  private keys: string;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly parts: AzureSubscriptionsParts) {
    this.keys = parts.entraSignInKeys().join('\n');
    this.subscriptions = [
      parts.onDidChangeSignIns(() => {
        const keys = parts.entraSignInKeys().join('\n');
        if (keys !== this.keys) this.invalidate();
        this.keys = keys;
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('acr.resourceManagerEndpoint') && this.invalidate()),
    ];
  }

  /** The chosen subscriptions' registries; undefined without an Entra ID sign-in. */
  discovery(): Promise<ArmDiscovery | undefined> {
    this.cached ??= this.discover();
    return this.cached;
  }

  /** Lists again at the next listing (Refresh, a new choice, other sign-ins). */
  invalidate(): void {
    this.cached = undefined;
    this.changed.fire();
  }

  private chosen(): ReadonlySet<string> | undefined {
    const ids = this.parts.state.get<string[]>(CHOSEN_KEY);
    return ids ? new Set(ids) : undefined;
  }

  /** Never rejects: what fails is in the discovery's errors, shown as rows. */
  private async discover(): Promise<ArmDiscovery | undefined> {
    let found: ArmDiscovery;
    try {
      const signIns = await this.parts.entraSignIns();
      if (signIns.length === 0) return undefined;
      const arm = loadArmRegistries();
      const readers = signIns.map(({ target, credential }) => arm.armReader({ endpoint: armEndpoint(target.audiences[0]!), audience: target.audiences[0]!, credential }));
      found = await discoverRegistries(readers, this.chosen());
    } catch (error) {
      found = { subscriptions: [], groups: [], errors: [error] };
    }
    for (const error of found.errors) this.parts.log.warn(`Could not list Azure subscriptions: ${errorMessage(error)}`);
    return found;
  }

  /** "ACR: Select Subscriptions…": which subscriptions the view lists; resolves with the chosen ids (undefined: all, or cancelled). */
  async choose(prompts: ExplorerPrompts): Promise<readonly string[] | undefined> {
    const found = await this.discovery();
    if (!found || found.subscriptions.length === 0) {
      await prompts.info('No Azure subscription to choose from: sign in to a registry with Microsoft Entra ID (not the admin user) first.');
      return undefined;
    }
    const chosen = this.chosen();
    const items = found.subscriptions.map((s) => ({ label: s.displayName, description: s.subscriptionId, picked: !chosen || chosen.has(s.subscriptionId), id: s.subscriptionId }));
    const picked = await prompts.pickMany(items, { title: 'ACR: Select Subscriptions', placeHolder: 'The subscriptions whose registries the Registries view lists' });
    if (!picked) return undefined;
    const ids = picked.length === items.length ? undefined : picked.map((p) => p.id);
    await this.parts.state.update(CHOSEN_KEY, ids);
    this.invalidate();
    return ids ?? items.map((i) => i.id);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
