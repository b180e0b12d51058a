// Between the URIs the editor names documents by and the paths the workspace index reads.
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The file system path of a `file:` URI; undefined for other schemes (e.g. `untitled:`) and for a
 * `file:` URI that names no file here (a remote host, bad escapes).
 */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
