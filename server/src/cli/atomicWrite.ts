// Rewriting a file so that a crash or a full disk never leaves it half written: the text goes to a
// temporary file beside it, which then replaces it in one rename, with the file's permissions.
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, lstatSync, openSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Replaces the content of the existing file `path` (through a symbolic link, its target) with `text`. */
export function writeFileAtomically(path: string, text: string): void {
  const link = lstatSync(path);
  const target = link.isSymbolicLink() ? realpathSync.native(path) : path;
  const mode = (target === path ? link : lstatSync(target)).mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      // The umask may have taken bits off the mode given to openSync.
      fchmodSync(fd, mode);
      writeFileSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
