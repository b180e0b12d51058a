// The Earthfiles `earthfile lint` checks: the files named, and every Earthfile under the directories
// named, skipping dependency and VCS folders.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
