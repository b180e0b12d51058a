// The directories of a workspace tree, walked through the host's directory lister so that the CLI (on
// disk) and the language service (on disk, or in memory for tests) find the same Earthfiles.
import { join } from 'node:path';
import { BUILD_FILE_NAMES, SKIPPED_DIRECTORIES } from '../../../shared/src/earthfileNames';

/** What the walk reads of a directory: its entries, or undefined when it cannot be listed. */
export type ListDirectory = (path: string) => readonly { readonly name: string; readonly isDirectory: boolean }[] | undefined;

/** One directory of the walk and the names of the files in it. */
export interface WalkedDirectory {
  readonly path: string;
  readonly files: readonly string[];
}

/**
 * The directories under `root` (itself included) with their files, depth first, skipping dependency
 * and VCS folders. A generator, so a caller can stop or yield between directories; an explicit stack,
 * so deep trees cannot overflow it.
 */
export function* walkDirectories(root: string, listDirectory: ListDirectory): Generator<WalkedDirectory> {
  const dirs = [root];
  while (dirs.length > 0) {
    const dir = dirs.pop() as string;
    const files: string[] = [];
    for (const entry of listDirectory(dir) ?? []) {
      if (!entry.isDirectory) files.push(entry.name);
      else if (!SKIPPED_DIRECTORIES.has(entry.name)) dirs.push(join(dir, entry.name));
    }
    yield { path: dir, files };
  }
}

/** How many directories are listed between two yields to the event loop. */
const DIRECTORIES_PER_TURN = 200;

/**
 * The build files under `root` (per directory its `Earthfile`, else its `build.earth`: the file a
 * `./dir+target` reference reads), at most `limit`. It yields to the event loop between batches of
 * directories, so a large tree does not hold up other requests; undefined when `token` asks to stop.
 */
export async function buildFilesUnder(
  root: string,
  listDirectory: ListDirectory,
  limit: number,
  token?: { readonly isCancellationRequested: boolean },
): Promise<string[] | undefined> {
  const files: string[] = [];
  let listed = 0;
  for (const dir of walkDirectories(root, listDirectory)) {
    const name = BUILD_FILE_NAMES.find((n) => dir.files.includes(n));
    if (name !== undefined) files.push(join(dir.path, name));
    if (files.length >= limit) break;
    if (++listed % DIRECTORIES_PER_TURN === 0) {
      await new Promise(setImmediate);
      if (token?.isCancellationRequested) return undefined;
    }
  }
  return files;
}
