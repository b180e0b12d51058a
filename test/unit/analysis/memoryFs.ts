// A file system held in a map, for workspace index tests that must not touch the disk.
import * as path from 'node:path';
import type { FileReader } from '../../../server/src/analysis/workspaceIndex';

/** A reader over `files` (paths resolved as given), counting reads; directories are those the paths imply. */
export function memoryFs(files: Record<string, string>): Required<FileReader> & { files: Map<string, string>; reads: number } {
  const map = new Map(Object.entries(files).map(([p, t]) => [path.resolve(p), t]));
  return {
    files: map,
    reads: 0,
    readFile(p) {
      this.reads++;
      return map.get(p);
    },
    exists: (p) => map.has(p),
    listDirectory(dir) {
      const entries = new Map<string, boolean>();
      const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
      for (const file of map.keys()) {
        if (!file.startsWith(prefix)) continue;
        const [name, ...rest] = file.slice(prefix.length).split(path.sep);
        entries.set(name, (entries.get(name) ?? false) || rest.length > 0);
      }
      return entries.size === 0 ? undefined : [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
  };
}
