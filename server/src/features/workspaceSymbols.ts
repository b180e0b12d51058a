// Workspace symbols: every target and function of the workspace's Earthfiles, named the way the
// command line names them from the workspace folder (`./services/api+build`, `+lint`), fuzzily
// matched against what was typed and best matches first.
import type { SymbolInformation } from 'vscode-languageserver-types';
import { targetReferenceOf } from '../../../shared/src/targetReference';
import type { FileModel } from '../analysis/model';
import type { LineIndex } from '../text/lineIndex';
import { RECIPE_SYMBOL_KIND } from './documentSymbols';

/** The most symbols one answer holds; a longer query narrows the rest down. */
export const MAX_WORKSPACE_SYMBOLS = 500;

/** An Earthfile of the workspace: where it is, which folder names it, its model. */
export interface WorkspaceEarthfile {
  readonly uri: string;
  readonly path: string;
  /** The workspace folder's path: references are written relative to it. */
  readonly folder: string;
  readonly model: FileModel;
}

/** The targets and functions of `files` that match `query`, best first; `linesOf` gives a model's line table. */
export function workspaceSymbols(files: Iterable<WorkspaceEarthfile>, query: string, linesOf: (model: FileModel) => LineIndex): SymbolInformation[] {
  const typed = query.replace(/\s+/g, '');
  const matches: { readonly name: string; readonly score: number; readonly file: WorkspaceEarthfile; readonly index: number }[] = [];
  for (const file of files) {
    file.model.recipes.forEach((recipe, index) => {
      const name = targetReferenceOf(file.folder, file.path, recipe.name);
      const score = fuzzyScore(typed, name);
      if (score !== undefined) matches.push({ name, score, file, index });
    });
  }
  matches.sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return matches.slice(0, MAX_WORKSPACE_SYMBOLS).map(({ name, file, index }): SymbolInformation => {
    const recipe = file.model.recipes[index];
    const lines = linesOf(file.model);
    const { start, end } = recipe.node!.nameRange;
    return { name, kind: RECIPE_SYMBOL_KIND[recipe.kind], location: { uri: file.uri, range: { start: lines.positionAt(start), end: lines.positionAt(end) } } };
  });
}

/** Characters after which a match starts a new part of a name: `./services/api+build-image`. */
const SEPARATORS = new Set(['/', '+', '-', '.', '_']);

/**
 * How well `query` matches `candidate` as a subsequence, ignoring case; undefined when it does not.
 * Matches at the start, after a separator and next to the previous match score more, so `apib` ranks
 * `./services/api+build` above `./apps/ui+bench`; the target name itself (after the `+`) counts double,
 * and an exact name beats everything. The best placement of every query character is found by dynamic
 * programming over the two strings (short: names are tens of characters).
 */
export function fuzzyScore(query: string, candidate: string): number | undefined {
  if (query === '') return 0;
  const q = query.toLowerCase();
  const c = candidate.toLowerCase();
  const plus = candidate.lastIndexOf('+');
  if (c.slice(plus + 1) === q) return 1000;
  if (!isSubsequence(q, c)) return undefined;
  // best[j]: the best score of the query so far with its last character matched at candidate[j].
  let best = new Array<number>(c.length).fill(-Infinity);
  for (let i = 0; i < q.length; i++) {
    const next = new Array<number>(c.length).fill(-Infinity);
    let bestBefore = i === 0 ? 0 : -Infinity;
    for (let j = 0; j < c.length; j++) {
      if (c[j] === q[i]) {
        const start = j === 0 || SEPARATORS.has(c[j - 1]);
        const bonus = (start ? 8 : 1) * (j > plus ? 2 : 1);
        const consecutive = i > 0 && j > 0 ? best[j - 1] + 6 : -Infinity;
        next[j] = Math.max(bestBefore, consecutive) + bonus;
      }
      // Matches of the previous character before j + 1 are open to the next character at j + 1.
      if (i > 0) bestBefore = Math.max(bestBefore, best[j]);
    }
    best = next;
  }
  const score = Math.max(...best);
  return score === -Infinity ? undefined : score;
}

function isSubsequence(query: string, text: string): boolean {
  let at = 0;
  for (const ch of query) {
    const found = text.indexOf(ch, at);
    if (found < 0) return false;
    at = found + 1;
  }
  return true;
}
