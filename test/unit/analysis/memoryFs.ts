// A file system held in a map, for workspace index tests that must not touch the disk.
import * as path from 'node:path';
import type { FileReader } from '../../../server/src/analysis/workspaceIndex';

/** A reader over `files` (paths resolved as given), counting reads. */
export function memoryFs(files: Record<string, string>): FileReader & { files: Map<string, string>; reads: number } {
  const map = new Map(Object.entries(files).map(([p, t]) => [path.resolve(p), t]));
  return {
    files: map,
    reads: 0,
    readFile(p) {
      this.reads++;
      return map.get(p);
    },
    exists: (p) => map.has(p),
  };
}
