// References: targets or functions after `+`, `./dir+`, `../dir+` and `alias+`; directories that hold
// an Earthfile after `./` and `../`; IMPORT aliases; after `+target/` the artifacts the target saves;
// and after a reference its ARGs as `--NAME=` overrides (reference §7).

import * as nodePath from 'node:path';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { FileModel, Recipe } from '../../analysis/model';
import { parseReference } from '../../parser';
import { savedArtifacts } from '../../analysis/artifacts';
import { argDefault, argsByRecipe, argsOfRecipe, callerArgs } from '../../analysis/recipeArgs';
import type { RefExpect, Typed } from './argumentContext';
import { replace, type CompletionEnv } from './environment';

/** How deep below the typed directory Earthfile directories are looked for, and how many directories at most. */
const MAX_DEPTH = 4;
const MAX_DIRECTORIES = 400;

/** Directories never walked into: version control, dependencies, and hidden ones. */
const SKIPPED_DIRECTORY = /^(\.|node_modules$)/;

/** A character of a target or function name, which an edit replaces past the cursor. */
const NAME_CHAR = /[A-Za-z0-9._-]/;

export function referenceItems(env: CompletionEnv, offset: number, expect: RefExpect, typed: Typed): CompletionItem[] {
  const text = typed.text;
  const plus = unescapedPlus(text);
  if (plus < 0) {
    if (/^\.\.?(\/|$)/.test(text)) return directoryItems(env, typed, expect);
    if (expect === 'earthfile' || /[/:~]/.test(text)) return [];
    // Before anything is typed the other Earthfiles' targets are listed too: the editor may keep this list
    // and filter it as `+` and the name are typed, without asking again.
    const others = text === '' ? otherFileItems(env, offset, expect, typed) : [];
    return [...sameFileItems(env, expect, typed), ...aliasItems(env, offset, typed), ...others];
  }
  const model = earthfileOf(env, text.slice(0, plus), offset);
  if (!model) return [];
  const nameStart = typed.start + plus + 1;
  const rest = text.slice(plus + 1);
  const slash = rest.indexOf('/');
  if (expect === 'artifact' && slash >= 0) {
    const target = model.targetsByName.get(rest.slice(0, slash));
    return target ? artifactItems(env, target, nameStart + slash + 1, typed.end) : [];
  }
  const end = nameEnd(env, typed.start + text.length, typed.end);
  const args = argsByRecipe(model);
  const items = recipesFor(model, expect).map((r) => recipeItem(env, model, r, '', nameStart, end, expect, args));
  if (plus > 0) return items;
  // After a bare `+` every item replaces from the `+` and is filtered on `+name`: with one range for the
  // whole list, the editor keeps this file's targets first, as sortText says.
  const own = items.map((item) => ({ ...item, filterText: `+${item.label}`, textEdit: replace(env, typed.start, end, `+${item.label}`) }));
  return [...own, ...otherFileItems(env, offset, expect, typed)];
}

/** The ARGs of the target or function `ref` names, as `--NAME=` overrides, `--required` first. */
export function overrideItems(env: CompletionEnv, offset: number, ref: string, given: ReadonlySet<string>, typed: Typed): CompletionItem[] {
  const text = ref.startsWith('(') ? ref.slice(1) : ref;
  const plus = unescapedPlus(text);
  const model = plus < 0 ? undefined : earthfileOf(env, text.slice(0, plus), offset);
  const parsed = parseReference(text, 'any').ref;
  if (!model || !parsed) return [];
  const name = parsed.name.text.split('/', 1)[0];
  const recipe = parsed.nameKind === 'function' ? model.functionsByName.get(name) : model.targetsByName.get(name);
  if (!recipe) return [];
  return argsOfRecipe(model, recipe)
    .filter((a) => !given.has(a.name))
    .map((a, i) => ({
      label: `--${a.name}`,
      kind: CompletionItemKind.Variable,
      detail: a.required ? 'required' : argDefault(a) !== undefined ? `default: ${argDefault(a)}` : 'no default',
      sortText: String(i).padStart(4, '0'),
      filterText: `--${a.name}`,
      textEdit: replace(env, typed.start, typed.end, `--${a.name}=`),
    }));
}

/** The index of the first `+` that no `\` escapes, or -1. */
function unescapedPlus(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x5c) i++;
    else if (text.charCodeAt(i) === 0x2b) return i;
  }
  return -1;
}

/** The model of the Earthfile the text before `+` names: this file, a local directory or an IMPORT alias. */
function earthfileOf(env: CompletionEnv, left: string, offset: number): FileModel | undefined {
  if (left === '') return env.model;
  if (env.path === undefined) return undefined;
  const from = env.path;
  if (!/[./~]/.test(left[0]) && !/[/:]/.test(left)) {
    const imp = env.model.imports.find((i) => i.alias === left && i.error === undefined && (i.global || (i.visible.start <= offset && offset <= i.visible.end)));
    return imp && env.workspace.importedFile(from, imp)?.model;
  }
  const earthfile = parseReference(`${left}+x`, 'target').ref?.earthfile;
  if (!earthfile || earthfile.kind !== 'path') return undefined;
  const dir = env.workspace.directoryOf(from, earthfile);
  const path = dir === undefined ? undefined : env.workspace.earthfileIn(dir);
  return path === undefined ? undefined : env.workspace.fileAt(path)?.model;
}

function recipesFor(model: FileModel, expect: RefExpect): readonly Recipe[] {
  const recipes = expect === 'function' ? model.functions : model.targets;
  const byName = expect === 'function' ? model.functionsByName : model.targetsByName;
  return recipes.filter((r) => byName.get(r.name) === r);
}

/** `argsByRecipe(model)`, computed once for all the items of a list. */
type ArgsByRecipe = ReturnType<typeof argsByRecipe>;

function recipeItem(env: CompletionEnv, model: FileModel, recipe: Recipe, prefix: string, start: number, end: number, expect: RefExpect, byRecipe: ArgsByRecipe): CompletionItem {
  const args = callerArgs(byRecipe.get(model.base) ?? [], byRecipe.get(recipe) ?? []).map((a) => {
    const value = argDefault(a);
    return a.required ? `--${a.name}` : `[--${a.name}${value !== undefined ? `=${value}` : ''}]`;
  });
  const label = prefix + recipe.name;
  return {
    label,
    kind: recipe.kind === 'function' ? CompletionItemKind.Function : CompletionItemKind.Method,
    detail: [recipe.kind, ...args].join(' '),
    ...(recipe.docs && { documentation: { kind: 'markdown', value: recipe.docs } }),
    sortText: `${model === env.model ? 0 : 1}${recipe.name}`,
    filterText: label,
    textEdit: replace(env, start, end, label),
    ...(expect === 'artifact' && { commitCharacters: ['/'] }),
  };
}

/** `+name` items of this file, for a reference position where nothing is typed yet. */
function sameFileItems(env: CompletionEnv, expect: RefExpect, typed: Typed): CompletionItem[] {
  const end = nameEnd(env, typed.start + typed.text.length, typed.end);
  const args = argsByRecipe(env.model);
  return recipesFor(env.model, expect).map((r) => recipeItem(env, env.model, r, '+', typed.start, end, expect, args));
}

/** `alias+` for each IMPORT in force at `offset`. */
function aliasItems(env: CompletionEnv, offset: number, typed: Typed): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const imp of env.model.imports) {
    if (!imp.alias || imp.error !== undefined || seen.has(imp.alias)) continue;
    if (!imp.global && !(imp.visible.start <= offset && offset <= imp.visible.end)) continue;
    seen.add(imp.alias);
    items.push({
      label: `${imp.alias}+`,
      kind: CompletionItemKind.Module,
      detail: `IMPORT ${imp.path.text}`,
      sortText: `1${imp.alias}`,
      filterText: `${imp.alias}+`,
      textEdit: replace(env, typed.start, nameEnd(env, typed.start + typed.text.length, typed.end), `${imp.alias}+`),
    });
  }
  return items;
}

/** A directory below the typed one that holds an Earthfile: `label` is how a reference writes it (`./services/api`). */
interface EarthfileDirectory {
  readonly label: string;
  readonly earthfile: string;
  readonly depth: number;
}

/** The directories under `typedDir` (relative to this Earthfile) that hold an Earthfile, breadth first, walking into subfolders. */
function earthfileDirectories(env: CompletionEnv, typedDir: string): EarthfileDirectory[] {
  if (env.path === undefined) return [];
  const here = nodePath.dirname(env.path);
  const found: EarthfileDirectory[] = [];
  const queue: { dir: string; rel: string; depth: number }[] = [{ dir: nodePath.resolve(here, typedDir), rel: '', depth: 0 }];
  for (let visited = 0; queue.length > 0 && visited < MAX_DIRECTORIES; visited++) {
    const { dir, rel, depth } = queue.shift()!;
    const earthfile = depth > 0 && dir !== here ? env.workspace.earthfileIn(dir) : undefined;
    if (earthfile !== undefined) found.push({ label: typedDir + rel, earthfile, depth });
    if (depth >= MAX_DEPTH) continue;
    for (const entry of env.listDirectory(dir) ?? []) {
      if (!entry.isDirectory || SKIPPED_DIRECTORY.test(entry.name)) continue;
      queue.push({ dir: nodePath.join(dir, entry.name), rel: rel === '' ? entry.name : `${rel}/${entry.name}`, depth: depth + 1 });
    }
  }
  return found;
}

/** Directories under the typed one that hold an Earthfile. */
function directoryItems(env: CompletionEnv, typed: Typed, expect: RefExpect): CompletionItem[] {
  const text = typed.text;
  const slash = text.lastIndexOf('/');
  const typedDir = slash < 0 ? `${text}/` : text.slice(0, slash + 1);
  let end = typed.start + text.length;
  const source = env.model.tree.text;
  while (end < typed.end && source.charCodeAt(end) !== 0x2b) end++;
  return earthfileDirectories(env, typedDir).map(({ label, depth }) => ({
    label,
    kind: CompletionItemKind.Folder,
    detail: 'Earthfile',
    sortText: `${String(depth).padStart(2, '0')}${label}`,
    filterText: label,
    textEdit: replace(env, typed.start, end, label),
    ...(expect !== 'earthfile' && { commitCharacters: ['+'] }),
  }));
}

/**
 * After a bare `+`: the targets (or functions) of the Earthfiles below this one and of the IMPORT aliases
 * in force, written whole (`./services/api+docker`) and sorted after this file's own. They are filtered
 * on `+name`, what the person goes on typing.
 */
function otherFileItems(env: CompletionEnv, offset: number, expect: RefExpect, typed: Typed): CompletionItem[] {
  if (env.path === undefined) return [];
  const from = env.path;
  // An Earthfile that is both imported and below this one is offered once, through its alias.
  const sources: { prefix: string; model: FileModel | undefined }[] = [];
  for (const imp of env.model.imports) {
    if (imp.alias && imp.error === undefined && (imp.global || (imp.visible.start <= offset && offset <= imp.visible.end))) {
      sources.push({ prefix: imp.alias, model: env.workspace.importedFile(from, imp)?.model });
    }
  }
  for (const d of earthfileDirectories(env, './')) sources.push({ prefix: d.label, model: env.workspace.fileAt(d.earthfile)?.model });
  const end = nameEnd(env, typed.start + typed.text.length, typed.end);
  const items: CompletionItem[] = [];
  const seen = new Set<FileModel>([env.model]);
  for (const { prefix, model } of sources) {
    if (!model || seen.has(model)) continue;
    seen.add(model);
    const args = argsByRecipe(model);
    for (const recipe of recipesFor(model, expect)) {
      const item = recipeItem(env, model, recipe, `${prefix}+`, typed.start, end, expect, args);
      items.push({ ...item, filterText: `+${recipe.name}`, sortText: `2${prefix}+${recipe.name}` });
    }
  }
  return items;
}

/** The artifact paths a target saves (`SAVE ARTIFACT` destinations), for `+target/`. */
function artifactItems(env: CompletionEnv, target: Recipe, start: number, wordEnd: number): CompletionItem[] {
  const source = env.model.tree.text;
  let end = start;
  while (end < wordEnd && !/[\s)]/.test(source[end])) end++;
  const paths = new Set<string>();
  for (const { path } of savedArtifacts(target)) if (path) paths.add(path);
  return [...paths].sort().map((path) => ({
    label: path,
    kind: CompletionItemKind.File,
    detail: `artifact of +${target.name}`,
    textEdit: replace(env, start, end, path),
  }));
}

/** Where the name at `from` ends: past the name characters after the cursor. */
function nameEnd(env: CompletionEnv, from: number, wordEnd: number): number {
  const source = env.model.tree.text;
  let end = from;
  while (end < wordEnd && NAME_CHAR.test(source[end])) end++;
  return end;
}
