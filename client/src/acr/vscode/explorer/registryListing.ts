// Which registries the Registries view lists, gathered from their sources in VS Code: the `acr.registries`
// setting, the sign-ins, the hosts the workspace's Earthfiles pull from and push to (the language server's
// targets request, handed in by the extension once the Earthly side is up), and the Azure subscriptions
// (azureSubscriptions.ts).
import * as vscode from 'vscode';
import { errorMessage } from '../../../../../shared/src/errorMessage';
import { mergeRegistries, type RegistryListing } from '../../registry/registrySources';
import type { AcrLog } from '../acrLog';
import { readAcrSettings } from '../acrSettings';
import type { AzureSubscriptions } from './azureSubscriptions';
import type { EarthfileTarget } from './insertFrom';

/** The workspace's Earthfiles, as the Earthly side of the extension reads them (through the language server). */
export interface WorkspaceEarthfiles {
  /** Registry hosts of the images the Earthfiles' targets use. */
  registryHosts(): Promise<readonly string[]>;
  /** Every target, for Insert FROM without an Earthfile open. */
  targets(): Promise<readonly EarthfileTarget[]>;
  /** Fires when an Earthfile may have changed. */
  readonly onDidChange: vscode.Event<void>;
}

/** What the view lists at its top: the merged registries, and why Azure's subscriptions could not be listed. */
export interface ExplorerListing extends RegistryListing {
  readonly azureErrors: readonly unknown[];
  /** The subscriptions are still being listed: the view shows the rest now and the subscriptions when they come. */
  readonly azurePending: boolean;
}

/** Earthfiles change with every keystroke; their hosts are read again once typing pauses. */
const EARTHFILE_SETTLE_MS = 1000;
/** How long the view waits for a slow source (the language server starting, ARM) before it shows the others. */
const SOURCE_WAIT_MS = 3000;

const PENDING = Symbol('pending');

export class RegistryListingSource implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private earthfiles: WorkspaceEarthfiles | undefined;
  private earthfileHosts: Promise<readonly string[]> | undefined;
  private lastHosts = '';
  private settleTimer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly signedIn: () => readonly string[],
    private readonly azure: AzureSubscriptions,
    private readonly log: AcrLog,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('acr.registries') && this.changed.fire()),
      azure.onDidChange(() => this.changed.fire()),
    );
  }

  useEarthfiles(source: WorkspaceEarthfiles): vscode.Disposable {
    this.earthfiles = source;
    this.earthfileHosts = undefined;
    const listening = source.onDidChange(() => this.earthfilesChanged());
    this.changed.fire();
    return new vscode.Disposable(() => {
      listening.dispose();
      if (this.earthfiles === source) this.earthfiles = undefined;
    });
  }

  /** The workspace's targets; none until the Earthly side is up. */
  targets(): Promise<readonly EarthfileTarget[]> {
    return this.earthfiles?.targets() ?? Promise.resolve([]);
  }

  /** Reads the Earthfiles and the subscriptions again at the next listing (Refresh). */
  invalidate(): void {
    this.earthfileHosts = undefined;
    this.azure.invalidate();
  }

  async listing(): Promise<ExplorerListing> {
    const [earthfile, azure] = await Promise.all([this.waited(this.hosts()), this.waited(this.azure.discovery())]);
    const found = azure === PENDING ? undefined : azure;
    const merged = mergeRegistries({
      settings: readAcrSettings().registries.map((r) => r.loginServer),
      signedIn: this.signedIn(),
      earthfile: earthfile === PENDING ? [] : earthfile,
      azure: found?.groups ?? [],
    });
    return { ...merged, azureErrors: found?.errors ?? [], azurePending: azure === PENDING };
  }

  /** The source's answer, or PENDING after a while: the view is told again when the answer comes. */
  private async waited<T>(answer: Promise<T>): Promise<T | typeof PENDING> {
    let timer: NodeJS.Timeout | undefined;
    const waiting = new Promise<typeof PENDING>((resolve) => (timer = setTimeout(() => resolve(PENDING), SOURCE_WAIT_MS)));
    const first = await Promise.race([answer, waiting]);
    clearTimeout(timer);
    if (first === PENDING) void answer.then(() => this.changed.fire());
    return first;
  }

  private hosts(): Promise<readonly string[]> {
    const source = this.earthfiles;
    if (!source) return Promise.resolve([]);
    this.earthfileHosts ??= source.registryHosts().then(
      (hosts) => {
        this.lastHosts = [...new Set(hosts)].sort().join(' ');
        return hosts;
      },
      (error: unknown) => {
        this.log.warn(`Could not read the registries the Earthfiles use: ${errorMessage(error)}`);
        this.earthfileHosts = undefined;
        return [];
      },
    );
    return this.earthfileHosts;
  }

  /** Tells the view only when the set of hosts changed. */
  private earthfilesChanged(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      const before = this.lastHosts;
      this.earthfileHosts = undefined;
      void this.hosts().then(() => this.lastHosts !== before && this.changed.fire());
    }, EARTHFILE_SETTLE_MS);
  }

  dispose(): void {
    clearTimeout(this.settleTimer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
