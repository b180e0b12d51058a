// Where the harness finds the repository and keeps its caches and artefacts.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRoot(__dirname);
/** Reused between runs, like @vscode/test-electron's `.vscode-test/`. */
export const CACHE_DIR = join(REPO_ROOT, '.vscode-test');
/** `npm start`'s folder: code-server's data, the workspace copy, docker's and podman's credentials. */
export const DEMO_DIR = join(CACHE_DIR, 'demo');
/** Screenshots and logs of the last run. */
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');
export const VSIX_PATH = join(REPO_ROOT, 'dist', 'earthly-acr.vsix');
