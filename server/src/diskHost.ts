// The language service's host on the real file system, for the server and the CLI.
import { existsSync, readFileSync } from 'node:fs';
import type { LanguageHost } from './service';

export const diskHost: LanguageHost = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists: (path) => existsSync(path),
  homeDir: process.env.HOME,
};
