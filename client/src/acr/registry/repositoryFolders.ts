// Repository names as folders: `team/api` lies in folder `team`, and one name can be a repository and a
// folder at once (`team` and `team/api`). Built as catalog pages arrive; each change reports the folders
// whose children changed, so that a tree refreshes only those.

export interface FolderEntry {
  /** The repository name, or the folder's path. */
  readonly path: string;
  /** The last segment of the path. */
  readonly label: string;
  readonly isRepository: boolean;
  readonly isFolder: boolean;
}

interface Node {
  repository: boolean;
  readonly children: Map<string, Node>;
}

const parentOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class RepositoryFolders {
  private readonly root: Node = { repository: false, children: new Map() };
  private greatest: string | undefined;

  /** Adds repositories; returns the paths of the folders that gained children ('' is the top). */
  add(names: readonly string[]): string[] {
    const changed = new Set<string>();
    for (const name of names) {
      if (this.greatest === undefined || name > this.greatest) this.greatest = name;
      let node = this.root;
      let path = '';
      for (const segment of name.split('/')) {
        let child = node.children.get(segment);
        if (!child) {
          child = { repository: false, children: new Map() };
          node.children.set(segment, child);
          changed.add(path);
        }
        node = child;
        path = path === '' ? segment : `${path}/${segment}`;
      }
      if (!node.repository) changed.add(parentOf(name));
      node.repository = true;
    }
    return [...changed];
  }

  /** Removes a repository, and the folders it leaves empty; returns the folders whose children changed. */
  remove(name: string): string[] {
    const trail: Node[] = [this.root];
    for (const segment of name.split('/')) {
      const next = trail.at(-1)!.children.get(segment);
      if (!next) return [];
      trail.push(next);
    }
    const node = trail.at(-1)!;
    if (!node.repository) return [];
    node.repository = false;
    let path = name;
    let depth = trail.length - 1;
    // Climb while the node is neither a repository nor a folder any more.
    for (; depth > 0 && !trail[depth]!.repository && trail[depth]!.children.size === 0; depth--) {
      trail[depth - 1]!.children.delete(path.slice(path.lastIndexOf('/') + 1));
      path = parentOf(path);
    }
    if (path === name) return [parentOf(name)];
    // `path` lost a child; its own row changes too when that was its last one.
    return depth > 0 && trail[depth]!.children.size === 0 ? [path, parentOf(path)] : [path];
  }

  private node(path: string): Node | undefined {
    if (path === '') return this.root;
    let node: Node | undefined = this.root;
    for (const segment of path.split('/')) node = node?.children.get(segment);
    return node;
  }

  isRepository(name: string): boolean {
    return this.node(name)?.repository ?? false;
  }

  /** The repositories and folders directly in `path`, in the catalog's order. */
  children(path = ''): FolderEntry[] {
    const node = this.node(path);
    if (!node) return [];
    return [...node.children.entries()]
      .sort(([a], [b]) => byCodeUnits(a, b))
      .map(([label, child]) => ({ path: path === '' ? label : `${path}/${label}`, label, isRepository: child.repository, isFolder: child.children.size > 0 }));
  }

  /** Every repository at or below `path`. */
  repositoriesUnder(path: string): string[] {
    const node = this.node(path);
    if (!node) return [];
    const names: string[] = node.repository && path !== '' ? [path] : [];
    for (const entry of this.children(path)) names.push(...this.repositoriesUnder(entry.path));
    return names;
  }

  /**
   * Whether every repository in folder `path` has arrived. The catalog lists names in code-unit order, in
   * which all of `team/…` lie between `team/` and `team0`: a name past them closes the folder. The top
   * folder closes only when the listing ends.
   */
  passed(path: string): boolean {
    const inside = `${path}/`;
    return path !== '' && this.greatest !== undefined && this.greatest > inside && !this.greatest.startsWith(inside);
  }
}
