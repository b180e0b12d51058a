// Local paths for COPY and SAVE ARTIFACT: files and folders relative to the Earthfile's directory (the
// build context), without what `.earthlyignore` excludes.

import * as nodePath from 'node:path';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Typed } from './argumentContext';
import { replace, type CompletionEnv } from './environment';
import { ignoreMatcher } from './ignoreRules';

const IGNORE_FILE = '.earthlyignore';

/** Never offered: the version control folder. */
const HIDDEN = new Set(['.git']);

const MAX_ENTRIES = 500;

export function pathItems(env: CompletionEnv, typed: Typed): CompletionItem[] {
  const text = typed.text;
  if (env.path === undefined || /^[/~$]/.test(text) || text.includes('$')) return [];
  const context = nodePath.dirname(env.path);
  const slash = text.lastIndexOf('/');
  const typedDir = text.slice(0, slash + 1);
  const dir = nodePath.resolve(context, typedDir);
  const relativeDir = nodePath.relative(context, dir).split(nodePath.sep).join('/');
  if (relativeDir.startsWith('..')) return [];
  const ignoreText = env.readFile(nodePath.join(context, IGNORE_FILE));
  const ignored = ignoreText === undefined ? () => false : ignoreMatcher(ignoreText);
  const source = env.model.tree.text;
  const start = typed.start + slash + 1;
  let end = typed.start + text.length;
  while (end < typed.end && source.charCodeAt(end) !== 0x2f) end++;
  const items: CompletionItem[] = [];
  for (const entry of env.listDirectory(dir) ?? []) {
    if (items.length >= MAX_ENTRIES) break;
    if (HIDDEN.has(entry.name) || ignored(relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`)) continue;
    const label = entry.isDirectory ? `${entry.name}/` : entry.name;
    items.push({
      label,
      kind: entry.isDirectory ? CompletionItemKind.Folder : CompletionItemKind.File,
      sortText: `${entry.isDirectory ? 0 : 1}${entry.name}`,
      textEdit: replace(env, start, end, label),
    });
  }
  return items;
}
