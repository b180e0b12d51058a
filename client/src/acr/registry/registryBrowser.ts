// One registry as the explorer shows it, without VS Code: the catalog loaded a page at a time and folded
// into folders, each repository's tags newest first, a filter per node, Inspect, and the deletes, which
// keep all of it in step. A tree provider keeps one per registry and renders what it answers.
import { linkedSignal, type Cancellation } from './cancellation';
import type { TagInfo } from './dataSource';
import { LazyPager } from './lazyPager';
import { NodeFilters } from './listFilter';
import { inspectManifest, type ManifestInspection } from './manifestInspection';
import type { RegistryCalls } from './registryCalls';
import { RepositoryFolders, type FolderEntry } from './repositoryFolders';

/** ACR's own default page size. */
export const PAGE_SIZE = 100;

/** Filters are kept per node: a folder (its repositories and subfolders) or a repository (its tags). */
export const folderNode = (path: string): string => `folder:${path}`;
export const tagsNode = (repository: string): string => `tags:${repository}`;

export interface RegistryBrowserOptions {
  readonly pageSize?: number;
  /** Told the folders ('' is the top) whose children changed, as catalog pages arrive and after deletes. */
  readonly onFoldersChanged?: (paths: readonly string[]) => void;
}

const isUnder = (name: string, folder: string): boolean => folder === '' || name.startsWith(`${folder}/`);
const relativeTo = (name: string, folder: string): string => (folder === '' ? name : name.slice(folder.length + 1));

export class RegistryBrowser {
  private tree = new RepositoryFolders();
  readonly filters = new NodeFilters();
  private readonly catalog: LazyPager<string>;
  private readonly tagLists = new Map<string, LazyPager<TagInfo>>();
  private readonly pageSize: number;

  constructor(
    readonly calls: RegistryCalls,
    private readonly options: RegistryBrowserOptions = {},
  ) {
    this.pageSize = options.pageSize ?? PAGE_SIZE;
    this.catalog = new LazyPager(
      (continuation, signal) => calls.listRepositories({ pageSize: this.pageSize, ...(continuation ? { continuation } : {}), signal }),
      (names) => this.foldersChanged(this.folders.add(names)),
    );
  }

  /** The repositories loaded so far, as folders (a new object after refresh()). */
  get folders(): RepositoryFolders {
    return this.tree;
  }

  get loginServer(): string {
    return this.calls.loginServer;
  }

  /** The folder's repositories and subfolders that its filter lets through (a subfolder when any name in it does). */
  folderChildren(path: string): FolderEntry[] {
    const matches = this.filters.matcher(folderNode(path));
    return this.folders.children(path).filter((entry) =>
      (entry.isRepository && matches(relativeTo(entry.path, path))) ||
      (entry.isFolder && this.folders.repositoriesUnder(entry.path).some((name) => matches(relativeTo(name, path)))),
    );
  }

  /** Whether more of the folder may still come from the catalog. */
  folderHasMore(path: string): boolean {
    return this.catalog.hasMore && !this.folders.passed(path);
  }

  /** Why loading the catalog failed last, until a load succeeds. */
  get repositoriesError(): unknown {
    return this.catalog.error;
  }

  /** Loads catalog pages until the folder shows something new, is complete, or the catalog ends. */
  async loadFolder(path: string, cancellation?: Cancellation): Promise<void> {
    const matches = this.filters.matcher(folderNode(path));
    await this.catalog.loadMore({
      cancellation,
      enough: (fresh) => this.folders.passed(path) || fresh.some((name) => isUnder(name, path) && matches(relativeTo(name, path))),
    });
  }

  private tagList(repository: string): LazyPager<TagInfo> {
    let list = this.tagLists.get(repository);
    if (!list) {
      list = new LazyPager((continuation, signal) => this.calls.listTags(repository, { pageSize: this.pageSize, ...(continuation ? { continuation } : {}), signal }));
      this.tagLists.set(repository, list);
    }
    return list;
  }

  /** The tags loaded so far, newest first, that the repository's filter lets through. */
  tags(repository: string): TagInfo[] {
    const matches = this.filters.matcher(tagsNode(repository));
    return this.tagList(repository).items.filter((tag) => matches(tag.name));
  }

  /** Every loaded tag that points at `digest`, whatever the filter: a manifest's tags come in one listing item. */
  tagsOf(repository: string, digest: string): TagInfo[] {
    return this.tagList(repository).items.filter((tag) => tag.digest === digest);
  }

  tagsHaveMore(repository: string): boolean {
    return this.tagList(repository).hasMore;
  }

  tagsError(repository: string): unknown {
    return this.tagList(repository).error;
  }

  /** Loads the next page of tags (more pages while none of them passes the filter). */
  async loadTags(repository: string, cancellation?: Cancellation): Promise<void> {
    const matches = this.filters.matcher(tagsNode(repository));
    await this.tagList(repository).loadMore({ cancellation, enough: (fresh) => fresh.some((tag) => matches(tag.name)) });
  }

  setFilter(node: string, text: string): void {
    this.filters.set(node, text);
  }

  inspect(repository: string, reference: string, cancellation?: Cancellation): Promise<ManifestInspection> {
    return this.withSignal(cancellation, (signal) => inspectManifest(this.calls, repository, reference, signal));
  }

  async untag(repository: string, tag: string, cancellation?: Cancellation): Promise<void> {
    await this.withSignal(cancellation, (signal) => this.calls.untag(repository, tag, signal));
    this.tagLists.get(repository)?.remove((t) => t.name === tag);
  }

  /** Deletes the manifest, and so every tag that points at it. */
  async deleteManifest(repository: string, digest: string, cancellation?: Cancellation): Promise<void> {
    await this.withSignal(cancellation, (signal) => this.calls.deleteManifest(repository, digest, signal));
    this.tagLists.get(repository)?.remove((t) => t.digest === digest);
  }

  async deleteRepository(repository: string, cancellation?: Cancellation): Promise<void> {
    await this.withSignal(cancellation, (signal) => this.calls.deleteRepository(repository, signal));
    this.catalog.remove((name) => name === repository);
    this.tagLists.delete(repository);
    this.filters.set(tagsNode(repository), '');
    this.foldersChanged(this.folders.remove(repository));
  }

  /** Starts the repository's tags over (Refresh on it): the next load reads the first page again. */
  refreshTags(repository: string): void {
    this.tagLists.get(repository)?.reset();
  }

  /** Starts over (Refresh): the next load reads the first pages again; filters stay. */
  refresh(): void {
    this.catalog.reset();
    this.tree = new RepositoryFolders();
    this.tagLists.clear();
    this.foldersChanged(['']);
  }

  private foldersChanged(paths: readonly string[]): void {
    if (paths.length > 0) this.options.onFoldersChanged?.(paths);
  }

  private async withSignal<T>(cancellation: Cancellation | undefined, run: (signal?: AbortSignal) => Promise<T>): Promise<T> {
    const { signal, dispose } = linkedSignal(cancellation);
    try {
      return await run(signal);
    } finally {
      dispose();
    }
  }
}
