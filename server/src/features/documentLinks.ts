// Document links: the Earthfile part of a reference (`./services/api` in `./services/api+build`) and
// IMPORT paths open that directory's Earthfile; a remote reference (`github.com/org/repo:v1+t`), which
// no definition can open, links to its Earthfile on the web instead.
import * as nodePath from 'node:path';
import type { DocumentLink, Range as LspRange } from 'vscode-languageserver-types';
import type { FileModel } from '../analysis/model';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import { remoteEarthfileUrl } from '../language/gitHosts';
import type { EarthfileRef, Range } from '../parser';
import type { LineIndex } from '../text/lineIndex';
import { pathToUri } from '../uri';

export interface LinkEnv {
  /** The document's path; without it (an untitled document) only remote references get links. */
  readonly path?: string;
  readonly workspace: Pick<WorkspaceIndex, 'directoryOf' | 'earthfileIn'>;
}

export function documentLinks(model: FileModel, env: LinkEnv, lines: LineIndex): DocumentLink[] {
  const text = model.tree.text;
  const links: { readonly start: number; readonly link: DocumentLink }[] = [];
  const link = (range: Range, earthfile: EarthfileRef | undefined) => {
    const found = earthfile && !text.slice(range.start, range.end).includes('$') ? linkTarget(earthfile, env) : undefined;
    if (found) links.push({ start: range.start, link: { range: toLspRange(lines, range), target: found.target, tooltip: found.tooltip } });
  };
  for (const site of model.references) {
    if (site.ref && site.earthfileRange) link(site.earthfileRange, site.ref.earthfile);
  }
  for (const imp of model.imports) link(imp.path.range, imp.earthfile);
  return links.sort((a, b) => a.start - b.start).map((l) => l.link);
}

function linkTarget(earthfile: EarthfileRef, env: LinkEnv): { target: string; tooltip: string } | undefined {
  if (earthfile.kind === 'remote') {
    const url = remoteEarthfileUrl(earthfile.repo.text, earthfile.tag?.text);
    return url === undefined ? undefined : { target: url, tooltip: `${earthfile.whole.text} is remote: open its Earthfile on the web` };
  }
  if (earthfile.kind !== 'path' || env.path === undefined) return undefined;
  const dir = env.workspace.directoryOf(env.path, earthfile);
  const file = dir === undefined ? undefined : env.workspace.earthfileIn(dir);
  return file === undefined ? undefined : { target: pathToUri(file), tooltip: `Open ${nodePath.posix.join(earthfile.cleaned, nodePath.basename(file))}` };
}

function toLspRange(lines: LineIndex, range: Range): LspRange {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}
