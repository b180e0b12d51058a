// The Earthfiles `earthfile lint` and `earthfile fmt` work on: the files named, and every Earthfile
// under the directories named, skipping dependency and VCS folders; and how their reports name them.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { BUILD_FILE_NAMES, EARTHFILE_EXTENSIONS } from '../../../shared/src/earthfileNames';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

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
    // An explicit stack, not recursion: deep trees cannot overflow it.
    const dirs = [absolute];
    while (dirs.length > 0) {
      const dir = dirs.pop() as string;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRS.has(entry.name)) dirs.push(join(dir, entry.name));
        } else if (entry.isFile() && isEarthfileName(entry.name)) {
          files.push(join(dir, entry.name));
        }
      }
    }
  }
  return { files: [...new Set(files)].sort(), missing };
}

/** `file` as reports name it: relative to `root`, with `/` separators. */
export function displayPath(file: string, root: string): string {
  return relative(root, file).split(sep).join('/') || file;
}
