// What completion reads besides the cursor: the file's model, its place in the workspace, the file
// system (through the service's host) and the client's abilities. Plain data, so tests build it freely.

import type { Range as LspRange, TextEdit } from 'vscode-languageserver-types';
import type { Flavor } from '../../../../shared/src/settings';
import type { FileModel } from '../../analysis/model';
import type { WorkspaceIndex } from '../../analysis/workspaceIndex';
import type { LineIndex } from '../../text/lineIndex';

export interface DirectoryEntry {
  readonly name: string;
  readonly isDirectory: boolean;
}

export type CompletionWorkspace = Pick<WorkspaceIndex, 'fileAt' | 'earthfileIn' | 'directoryOf' | 'importedFile' | 'knownModels' | 'resolveReference'>;

export interface CompletionEnv {
  readonly model: FileModel;
  readonly lines: LineIndex;
  /** The Earthfile's path; undefined for a document that is not a file (then only the file itself is read). */
  readonly path?: string;
  readonly workspace: CompletionWorkspace;
  readonly listDirectory: (path: string) => readonly DirectoryEntry[] | undefined;
  readonly readFile: (path: string) => string | undefined;
  readonly flavor: Flavor;
  /** The client inserts snippets (`textDocument.completion.completionItem.snippetSupport`). */
  readonly snippets: boolean;
}

/** What `resolveCompletion` reads back from an item to write its documentation. */
export type ItemData =
  | { readonly kind: 'command'; readonly name: string }
  | { readonly kind: 'flag'; readonly command: string; readonly flag: string }
  | { readonly kind: 'feature'; readonly name: string }
  | { readonly kind: 'builtin'; readonly name: string };

/**
 * The last range made for each request: the items of one request mostly replace the same span, and share
 * it (typing in the 300-line bench file: 98 -> 92 KB allocated per edit + completion).
 */
const lastRange = new WeakMap<CompletionEnv, { readonly start: number; readonly end: number; readonly range: LspRange }>();

/** The LSP range of the offsets `[start, end)`. */
export function lspRange(env: CompletionEnv, start: number, end: number): LspRange {
  const last = lastRange.get(env);
  if (last && last.start === start && last.end === end) return last.range;
  const range = { start: env.lines.positionAt(start), end: env.lines.positionAt(end) };
  lastRange.set(env, { start, end, range });
  return range;
}

/** An edit replacing `[start, end)` with `newText`. */
export function replace(env: CompletionEnv, start: number, end: number, newText: string): TextEdit {
  return { range: lspRange(env, start, end), newText };
}

/**
 * The edit that names the missing `features` on the VERSION line, for an item whose command or flag
 * needs them; none when the file has no VERSION line to extend.
 */
export function featureEdits(env: CompletionEnv, features: readonly (string | undefined)[]): TextEdit[] | undefined {
  const version = env.model.version;
  const missing = missingFeatures(env, features);
  if (!version || missing.length === 0) return undefined;
  const at = version.command.keyword.range.end;
  return [replace(env, at, at, missing.map((f) => ` --${f}`).join(''))];
}

/** The features of `needed` that the file does not have on. */
export function missingFeatures(env: CompletionEnv, needed: readonly (string | undefined)[]): string[] {
  return needed.filter((f): f is string => f !== undefined && !env.model.features.has(f));
}
