// The targets of every Earthfile in the workspace, from the language server's targets request: found
// with findFiles (honouring files.exclude, skipping node_modules), cached, and dropped when an Earthfile
// is created, changed on disk, deleted or edited in an editor.
import * as vscode from 'vscode';
import { BUILD_FILE_GLOB, LANGUAGE_ID } from '../../../../shared/src/earthfileNames';
import type { TargetsParams, TargetsResult, TargetSummary } from '../../../../shared/src/protocol';
import { targetReference } from './earthlyTask';

/** Earthfiles of installed packages are not the workspace's; findFiles takes one exclude, which would replace files.exclude. */
const IN_NODE_MODULES = /[\\/]node_modules[\\/]/;
const MAX_EARTHFILES = 2000;
const LISTING_TRUSTED_MS = 5_000;

/** The language server, through the language client (both reject while the server is not running). */
export interface TargetsSource {
  readonly request: (params: TargetsParams) => Promise<TargetsResult>;
  /**
   * Tells the server about Earthfiles changed on disk. The client's own file events reach it after a
   * delay; sent here, the notification is ordered before the next targets request.
   */
  readonly filesChanged: (changes: readonly { readonly uri: string; readonly type: 1 | 2 | 3 }[]) => Promise<void>;
}

export interface WorkspaceTarget {
  readonly folder: vscode.WorkspaceFolder;
  readonly earthfile: vscode.Uri;
  /** `./services/api+build`, or `+build` for a folder's root Earthfile. */
  readonly reference: string;
  readonly target: TargetSummary;
}

export class WorkspaceTargets implements vscode.Disposable {
  private cached: Promise<WorkspaceTarget[]> | undefined;
  private cachedAt = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly server: TargetsSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(BUILD_FILE_GLOB);
    this.subscriptions = [
      watcher,
      watcher.onDidCreate((uri) => this.fileChanged(uri, 1)),
      watcher.onDidChange((uri) => this.fileChanged(uri, 2)),
      watcher.onDidDelete((uri) => this.fileChanged(uri, 3)),
      vscode.workspace.onDidChangeTextDocument((e) => e.document.languageId === LANGUAGE_ID && e.contentChanges.length > 0 && this.invalidate()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.invalidate()),
    ];
  }

  private fileChanged(uri: vscode.Uri, type: 1 | 2 | 3): void {
    this.server.filesChanged([{ uri: uri.toString(), type }]).catch(() => undefined);
    this.invalidate();
  }

  invalidate(): void {
    if (!this.cached) return;
    this.cached = undefined;
    this.changed.fire();
  }

  /** Every target of the workspace's Earthfiles, by folder and path. */
  list(token?: vscode.CancellationToken): Promise<WorkspaceTarget[]> {
    // File events can be missed (a folder created together with its Earthfile, a checkout), so a
    // listing is trusted only briefly: long enough for the callers of one user action to share it.
    if (this.cached && Date.now() - this.cachedAt < LISTING_TRUSTED_MS) return this.cached;
    this.cachedAt = Date.now();
    const listing = this.read(token);
    this.cached = listing;
    // A failed or cancelled listing is not kept: the next call asks again.
    listing.catch(() => this.cached === listing && (this.cached = undefined));
    return listing;
  }

  /** The targets of one Earthfile, asked now (for the pre-run registry check). */
  async targetsOf(earthfile: vscode.Uri): Promise<readonly TargetSummary[]> {
    const result = await this.server.request({ uris: [earthfile.toString()] });
    return result.files.find((f) => f.uri === earthfile.toString())?.targets ?? result.files[0]?.targets ?? [];
  }

  private async read(token?: vscode.CancellationToken): Promise<WorkspaceTarget[]> {
    const found = await vscode.workspace.findFiles(BUILD_FILE_GLOB, undefined, MAX_EARTHFILES, token);
    const uris = found.filter((uri) => !IN_NODE_MODULES.test(uri.path));
    if (uris.length === 0 || token?.isCancellationRequested) return [];
    const byString = new Map(uris.map((uri) => [uri.toString(), uri]));
    const result = await this.server.request({ uris: [...byString.keys()] });
    const targets: WorkspaceTarget[] = [];
    for (const file of result.files) {
      const earthfile = byString.get(file.uri) ?? vscode.Uri.parse(file.uri);
      const folder = vscode.workspace.getWorkspaceFolder(earthfile);
      if (!folder) continue;
      for (const target of file.targets) targets.push({ folder, earthfile, reference: targetReference(folder, earthfile, target.name), target });
    }
    targets.sort((a, b) => a.folder.index - b.folder.index || a.reference.localeCompare(b.reference));
    this.log.debug(`Found ${targets.length} targets in ${uris.length} Earthfiles.`);
    return targets;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
