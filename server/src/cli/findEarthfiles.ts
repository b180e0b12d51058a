// The Earthfiles `earthfile lint` checks: the files named, and every Earthfile under the directories
// named, skipping dependency and VCS folders.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUILD_FILE_NAMES, EARTHFILE_EXTENSIONS } from '../../../shared/src/earthfileNames';
import { walkDirectories } from '../analysis/workspaceFiles';
import { diskHost } from '../diskHost';

/** Build-file names Earthly reads, plus the extensions editors give single-file Earthfiles. */
export function isEarthfileName(name: string): boolean {
  return BUILD_FILE_NAMES.includes(name) || EARTHFILE_EXTENSIONS.some((extension) => name.endsWith(extension));
}

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
