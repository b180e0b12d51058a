// Finds a program on PATH the way a shell would: the first directory holding an executable file of one
// of the names. Windows names come with their extensions (`az.cmd`).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The path of the first of `names` found on `pathVariable`, directory by directory; undefined when none is there. */
export function programOnPath(names: readonly string[], pathVariable: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const found = names.map((name) => join(dir, name)).find(isExecutableFile);
    if (found) return found;
  }
  return undefined;
}
