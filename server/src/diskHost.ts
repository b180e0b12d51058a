// The language service's host on the real file system, for the server and the CLI.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { LanguageHost } from './service';

export const diskHost = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists: (path) => existsSync(path),
  listDirectory(path) {
    try {
      return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
    } catch {
      return undefined;
    }
  },
  homeDir: process.env.HOME,
} satisfies LanguageHost;
