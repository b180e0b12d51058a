// The Earthfiles `earthfile lint` checks: the files named, and every Earthfile under the directories
// named, skipping dependency and VCS folders.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isEarthfileName, SKIPPED_DIRECTORIES } from '../../../shared/src/earthfileNames';

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
    // An explicit stack, not recursion: deep trees cannot overflow it.
    const dirs = [absolute];
    while (dirs.length > 0) {
      const dir = dirs.pop() as string;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) dirs.push(join(dir, entry.name));
        } else if (entry.isFile() && isEarthfileName(entry.name)) {
          files.push(join(dir, entry.name));
        }
      }
    }
  }
  return { files: [...new Set(files)].sort(), missing };
}
