// Reads and rewrites JSON config files that other programs own (docker's config.json, containers'
// auth.json): a file we cannot parse is never overwritten, every key we do not touch survives, the
// layout is kept, and a write either lands completely or not at all.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CredentialError } from './credentialError';

export type JsonObject = { [key: string]: unknown };

export interface JsonLayout {
  /** One indentation step; empty for a single-line file. */
  readonly indent: string;
  readonly newline: '\n' | '\r\n';
  readonly finalNewline: boolean;
}

export interface JsonConfig {
  readonly content: JsonObject;
  readonly layout: JsonLayout;
  readonly exists: boolean;
}

/** What docker and podman produce: Go's json.MarshalIndent with a tab and no final newline. */
const GO_LAYOUT: JsonLayout = { indent: '\t', newline: '\n', finalNewline: false };
const NEW_FILE_MODE = 0o600;
const NEW_FOLDER_MODE = 0o700;
/** Go's encoder escapes these, so re-encoding a file docker wrote gives back the same bytes. */
const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file's object, or an empty one when the file is missing or blank (docker treats both as empty). */
export async function readJsonConfig(path: string): Promise<JsonConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { content: {}, layout: GO_LAYOUT, exists: false };
    throw new CredentialError('fileAccess', `Cannot read ${path} (${errorCode(error)}).`);
  }
  if (text.trim() === '') return { content: {}, layout: GO_LAYOUT, exists: true };
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch {
    // The parser's message quotes the file, which may hold credentials, so it is not passed on.
    content = undefined;
  }
  if (!isJsonObject(content)) {
    throw new CredentialError('invalidConfig', `${path} is not a valid JSON object, so it was left untouched. Fix or remove it, then try again.`);
  }
  return { content, layout: layoutOf(text), exists: true };
}

/** Serialises `content` in `layout`. */
export function formatJson(content: JsonObject, layout: JsonLayout): string {
  const text = JSON.stringify(content, null, layout.indent).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]);
  const lines = layout.newline === '\n' ? text : text.replace(/\n/g, layout.newline);
  return layout.finalNewline ? lines + layout.newline : lines;
}

/**
 * Replaces the file with `content` atomically: a temporary file in the same folder is written, flushed and
 * renamed over the original, which keeps its permissions (a new file gets 0600, a new folder 0700).
 * A symbolic link is followed, so the file it points to is replaced and the link survives.
 */
export async function writeJsonConfig(path: string, content: JsonObject, layout: JsonLayout): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const folder = dirname(target);
  const temporary = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(folder, { recursive: true, mode: NEW_FOLDER_MODE });
    const mode = await stat(target).then((s) => s.mode & 0o7777, () => NEW_FILE_MODE);
    const file = await open(temporary, 'wx', NEW_FILE_MODE);
    try {
      await file.writeFile(formatJson(content, layout), 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    // The umask may have narrowed the mode given to open().
    await chmod(temporary, mode);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw writeError(target, folder, error);
  }
}

/** The last queued update of each path; settled entries stay, as only a few paths are ever written. */
const queues = new Map<string, Promise<void>>();

/**
 * Reads the file, applies `change` and writes the result unless `change` returned the content it was given
 * (or undefined). Updates of one path within this process run one after another, so two registries
 * signing in at once cannot drop each other's entries.
 */
export function updateJsonConfig(
  path: string,
  change: (config: JsonConfig) => JsonObject | undefined | Promise<JsonObject | undefined>,
): Promise<void> {
  const update = (queues.get(path) ?? Promise.resolve()).then(async () => {
    const config = await readJsonConfig(path);
    const content = await change(config);
    if (content !== undefined && content !== config.content) await writeJsonConfig(path, content, config.layout);
  });
  queues.set(path, update.catch(() => undefined));
  return update;
}

function layoutOf(text: string): JsonLayout {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? (text.trim().includes('\n') ? GO_LAYOUT.indent : '');
  return { indent, newline, finalNewline: /\n\s*$/.test(text) };
}

function writeError(target: string, folder: string, error: unknown): CredentialError {
  if (error instanceof CredentialError) return error;
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new CredentialError('fileAccess', `Cannot write ${target}: the folder ${folder} is read-only or not writable by you (${code}).`);
  }
  return new CredentialError('fileAccess', `Cannot write ${target} (${code}).`);
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
}
