// Every Earthfile under the workspace folders, for the features that must see them all (find references,
// rename, incoming calls): the folders are walked through the host's directory listing the first time one
// is asked for, and again only after a file event says an Earthfile may have appeared or gone. Dependency
// and version-control folders are skipped, as `earthfile lint` skips them.

import * as nodePath from 'node:path';
import { isEarthfileName } from '../../../shared/src/earthfileNames';
import { walkDirectories } from './workspaceFiles';
import type { FileReader } from './workspaceIndex';

/** A walk of a folder stops here, so that a huge tree (a home folder opened by mistake) costs a bounded time. */
const MAX_DIRECTORIES = 50_000;
const MAX_EARTHFILES = 20_000;

export class WorkspaceEarthfiles {
  private folders: readonly string[] = [];
  /** The Earthfiles found by the last walk; undefined until the next one. */
  private found: ReadonlySet<string> | undefined;

  constructor(private readonly list: NonNullable<FileReader['listDirectory']>) {}

  /** The workspace folders changed (paths; folders that are not files on this machine are left out). */
  setFolders(paths: readonly string[]): void {
    this.folders = [...new Set(paths)];
    this.found = undefined;
  }

  /** A file was created, changed or deleted: a walk is due when the set of Earthfiles may differ. */
  changed(path: string, deleted: boolean): void {
    const found = this.found;
    if (!found) return;
    const under = path + nodePath.sep;
    const differs = deleted ? found.has(path) || [...found].some((p) => p.startsWith(under)) : !found.has(path) && isEarthfileName(nodePath.basename(path));
    if (differs) this.found = undefined;
  }

  /** `path` relative to the workspace folder holding it, with `/` separators; itself when no folder holds it. */
  relativePath(path: string): string {
    const folder = this.folders.find((f) => path.startsWith(f.endsWith(nodePath.sep) ? f : f + nodePath.sep));
    return folder === undefined ? path : nodePath.relative(folder, path).split(nodePath.sep).join('/');
  }

  /** The paths of the Earthfiles under the folders, sorted. */
  paths(): readonly string[] {
    this.found ??= this.walk();
    return [...this.found];
  }

  private walk(): Set<string> {
    const files: string[] = [];
    for (const folder of this.folders) {
      let visited = 0;
      for (const dir of walkDirectories(folder, this.list)) {
        for (const name of dir.files) if (isEarthfileName(name)) files.push(nodePath.join(dir.path, name));
        if (++visited >= MAX_DIRECTORIES || files.length >= MAX_EARTHFILES) break;
      }
    }
    return new Set(files.sort());
  }
}
