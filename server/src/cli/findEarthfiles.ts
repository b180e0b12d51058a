// The Earthfiles `earthfile lint` and `earthfile fmt` work on: the files named, and every Earthfile
// under the directories named, skipping dependency and VCS folders; and how their reports name them.
import { statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isEarthfileName } from '../../../shared/src/earthfileNames';
import { walkDirectories } from '../analysis/workspaceFiles';
import { diskHost } from '../diskHost';

/** Absolute paths of the Earthfiles under `paths`, sorted; missing paths are returned in `missing`. */
export function findEarthfiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    let isDir: boolean;
    try {
      isDir = statSync(absolute).isDirectory();
    } catch {
      missing.push(path);
      continue;
    }
    if (!isDir) {
      files.push(absolute);
      continue;
    }
    for (const dir of walkDirectories(absolute, diskHost.listDirectory)) {
      for (const name of dir.files) if (isEarthfileName(name)) files.push(join(dir.path, name));
    }
  }
  return { files: [...new Set(files)].sort(), missing };
}

/** `file` as reports name it: relative to `root`, with `/` separators. */
export function displayPath(file: string, root: string): string {
  return relative(root, file).split(sep).join('/') || file;
}
