// Navigation fixtures: the `$0` cursor of cursor.ts in the open document, the other files of the workspace
// by path, and every answer written as `file:line word` (the path under /ws, the 1-based line, the text
// the range covers), so a test reads like the places a person would land on.
import * as path from 'node:path';
import type { Location, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../../server/src/text/lineIndex';
import { pathToUri, uriToPath } from '../../../server/src/uri';
import { openFixture, WORKSPACE, type Fixture } from './cursor';

type Opened = ReturnType<typeof openFixture>;

/** The fixture opened, with /ws as the workspace folder. */
export function openWorkspace(fixture: Fixture): Opened {
  const opened = openFixture(fixture);
  opened.service.setWorkspaceFolders([pathToUri(WORKSPACE)]);
  return opened;
}

function textOf(opened: Opened, uri: string): string {
  const file = uriToPath(uri);
  const text = file === undefined ? undefined : opened.files[file];
  if (text === undefined) throw new Error(`an answer names ${uri}, which is not a file of the fixture`);
  return text;
}

/** `file:line word` for a range of the file at `uri`. */
export function place(opened: Opened, uri: string, range: Range): string {
  const text = textOf(opened, uri);
  const lines = new LineIndex(text);
  const word = text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
  return `${path.relative(WORKSPACE, uriToPath(uri)!).split(path.sep).join('/')}:${range.start.line + 1} ${word}`;
}

const places = (opened: Opened, locations: readonly Location[]) => locations.map((l) => place(opened, l.uri, l.range));

export function definitions(fixture: Fixture): string[] {
  const opened = openWorkspace(fixture);
  return places(opened, opened.service.definition(opened.uri, opened.position));
}

export function references(fixture: Fixture, includeDeclaration = true): string[] {
  const opened = openWorkspace(fixture);
  return places(opened, opened.service.references(opened.uri, opened.position, includeDeclaration)).sort();
}

/** The highlights in the document, as `line word (Read|Write)`. */
export function highlights(fixture: Fixture): string[] {
  const opened = openWorkspace(fixture);
  return opened.service.documentHighlight(opened.uri, opened.position).map((h) => `${place(opened, opened.uri, h.range).replace(/^Earthfile:/, '')} ${h.kind === 3 ? 'Write' : 'Read'}`);
}

/** The texts of the files a WorkspaceEdit changes (`files` by absolute path), edited, by path under `root`. */
export function applyEdit(files: Record<string, string>, edit: WorkspaceEdit, root = WORKSPACE): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const file = uriToPath(uri)!;
    const text = files[file];
    const lines = new LineIndex(text);
    const sorted = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
    let edited = text;
    for (const e of sorted) edited = edited.slice(0, e.start) + e.newText + edited.slice(e.end);
    out[path.relative(root, file).split(path.sep).join('/')] = edited;
  }
  return out;
}

/** The rename at the cursor: the edited files by path, or the refusal's message. */
export function rename(fixture: Fixture, newName: string): Record<string, string> | string {
  const opened = openWorkspace(fixture);
  const answer = opened.service.rename(opened.uri, opened.position, newName);
  return 'refused' in answer ? answer.refused : applyEdit(opened.files, answer);
}

/** What prepareRename says at the cursor: the word and placeholder, the refusal, or null. */
export function prepareRename(fixture: Fixture): string | { refused: string } | null {
  const opened = openWorkspace(fixture);
  const answer = opened.service.prepareRename(opened.uri, opened.position);
  if (!answer || 'refused' in answer) return answer;
  return `${place(opened, opened.uri, answer.range)} (${answer.placeholder})`;
}

/** The call hierarchy item at the cursor, and its incoming and outgoing calls as `item <- ranges`. */
export function calls(fixture: Fixture): { item?: string; incoming: string[]; outgoing: string[] } {
  const opened = openWorkspace(fixture);
  const [item] = opened.service.prepareCallHierarchy(opened.uri, opened.position) ?? [];
  if (!item) return { incoming: [], outgoing: [] };
  const incoming = opened.service.incomingCalls(item).map((c) => `${place(opened, c.from.uri, c.from.selectionRange)} <- ${c.fromRanges.map((r) => place(opened, c.from.uri, r).split(' ').slice(1).join(' ')).join(', ')}`);
  const outgoing = opened.service.outgoingCalls(item).map((c) => `${place(opened, c.to.uri, c.to.selectionRange)} <- ${c.fromRanges.map((r) => place(opened, item.uri, r).split(' ').slice(1).join(' ')).join(', ')}`);
  return { item: `${place(opened, item.uri, item.selectionRange)} (${item.detail ?? ''})`, incoming, outgoing };
}
