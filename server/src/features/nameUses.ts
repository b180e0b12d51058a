// Every place a name is written, across the Earthfiles of the workspace: what find references, document
// highlight, rename and the incoming calls of the call hierarchy are made of. A target or function is
// written in its header and in every reference that resolves to it (`+t`, `./dir+t`, `alias+t`, `+t/art`);
// a variable in its declaration, its `$NAME` uses in the recipes that see it, the SETs of a LET, and, for
// an ARG, the `--NAME=` overrides of every reference to a target or function whose callers can set it; an
// IMPORT alias in its IMPORT and in the references written with it.
//
// Each file's references are first compared by name and by the folder they point into, string tests,
// and only the few that pass are resolved: a search over a thousand Earthfiles resolves a handful.

import * as nodePath from 'node:path';
import { type RecipeResolver } from '../analysis/inheritedEnv';
import { commandAt, declarationOf } from '../analysis/lookup';
import type { Import, Recipe, ReferenceSite, SourceFile, Variable } from '../analysis/model';
import { argsByRecipe } from '../analysis/recipeArgs';
import type { Range } from '../parser';
import { CH_BACKSLASH, CH_DOLLAR, CH_LBRACE, isNamePart } from '../text/characters';
import type { Named } from './nameAt';

/** Where the search looks: the Earthfiles to read, and how their references resolve. */
export interface UseScope {
  /** The Earthfiles whose references are read (for document highlight, only the document itself). */
  readonly files: () => Iterable<SourceFile>;
  readonly resolve: RecipeResolver;
}

/** A declaration, an assignment (a SET, an override) or a use. */
export type UseKind = 'declaration' | 'write' | 'read';

export interface Use {
  readonly file: SourceFile;
  /** The name as written, without `$`, `--` or the rest of a reference. */
  readonly range: Range;
  readonly kind: UseKind;
  /** The reference the name is written in, for targets and functions. */
  readonly site?: ReferenceSite;
  /** An IMPORT whose alias is not written but taken from its path (`range`): a new alias goes after it as `AS <alias>`. */
  readonly impliedAlias?: boolean;
}

/** The places `named` is written; undefined for names that have none to list (an IMPORT path, a feature). */
export function usesOf(named: Named, scope: UseScope): Use[] | undefined {
  switch (named.kind) {
    case 'recipe':
      return recipeUses(named.file, named.recipe, scope);
    case 'artifact':
      return recipeUses(named.file, named.recipe, scope);
    case 'variable':
      return variableUses(named.file, named.variable, scope);
    case 'alias':
      return aliasUses(named.file, named.import);
    default:
      return undefined;
  }
}

/** The header of a target or function, and every reference that resolves to it. */
export function recipeUses(file: SourceFile, recipe: Recipe, scope: UseScope): Use[] {
  const uses: Use[] = recipe.node ? [{ file, range: span(recipe.node.nameRange), kind: 'declaration' }] : [];
  for (const site of callSites(file, recipe, scope)) uses.push({ file: site.file, range: span(site.site.nameRange!), kind: 'read', site: site.site });
  return uses;
}

/** The references, in the files of `scope`, that name `recipe` of `target`. */
export function callSites(target: SourceFile, recipe: Recipe, scope: UseScope): { file: SourceFile; site: ReferenceSite }[] {
  const found: { file: SourceFile; site: ReferenceSite }[] = [];
  if (recipe.kind === 'base') return found;
  const folder = folderName(target);
  for (const file of scope.files()) {
    for (const site of file.model.references) {
      const ref = site.ref;
      if (!ref || ref.dynamic || site.nameRange === undefined || ref.name.text !== recipe.name || ref.nameKind !== recipe.kind) continue;
      if (mayPointAt(file, site, target, folder) && scope.resolve({ ...file, recipe: site.recipe }, site)?.recipe === recipe) found.push({ file, site });
    }
  }
  return found;
}

/** The name of the folder holding `file`; undefined for an unsaved document. */
function folderName(file: SourceFile): string | undefined {
  return file.path === undefined ? undefined : nodePath.basename(nodePath.dirname(file.path));
}

/**
 * Whether `site`, written in `from`, may point into `target` (whose folder is named `folder`): a
 * same-file reference only into its own file, a path (written, or an IMPORT's) only when its last
 * element is that folder's name or a `.`/`..` that says nothing. Cheaper than resolving it.
 */
function mayPointAt(from: SourceFile, site: ReferenceSite, target: SourceFile, folder: string | undefined): boolean {
  const written = site.ref!.earthfile;
  const earthfile = written.kind === 'import' ? site.import?.earthfile : written;
  if (earthfile?.kind === 'same') return from.model === target.model;
  if (earthfile?.kind !== 'path' || folder === undefined) return false;
  const last = earthfile.cleaned.slice(earthfile.cleaned.lastIndexOf('/') + 1);
  return last === folder || last === '' || last === '.' || last === '..';
}

function variableUses(file: SourceFile, variable: Variable, scope: UseScope): Use[] {
  const { model } = file;
  const uses: Use[] = [{ file, range: span(variable.nameRange), kind: 'declaration' }];
  for (const v of model.variables) {
    if (v.kind === 'SET' && v.name === variable.name && declarationOf(model, v.name, v.nameRange.start) === variable) uses.push({ file, range: span(v.nameRange), kind: 'write' });
  }
  // A global is seen by every recipe of the file; any other declaration only to the end of its scope.
  const within = variable.global ? model.tree.range : variable.visible;
  for (const range of dollarUses(file, variable.name, within)) {
    if (declarationOf(model, variable.name, range.start) === variable) uses.push({ file, range, kind: 'read' });
  }
  if (variable.kind === 'ARG') uses.push(...overrideUses(file, variable, scope));
  return uses;
}

/** `$NAME` and `${NAME…}` in the command lines of `range` (not escaped as `\$`): the name's range. */
function dollarUses(file: SourceFile, name: string, range: Range): Range[] {
  const text = file.model.tree.text;
  const found: Range[] = [];
  for (let at = text.indexOf(name, range.start); at >= 0 && at < range.end; at = text.indexOf(name, at + 1)) {
    const end = at + name.length;
    if (isNamePart(text.charCodeAt(end))) continue;
    const before = text.charCodeAt(at - 1);
    const dollar = before === CH_DOLLAR ? at - 1 : before === CH_LBRACE && text.charCodeAt(at - 2) === CH_DOLLAR ? at - 2 : -1;
    if (dollar < 0 || text.charCodeAt(dollar - 1) === CH_BACKSLASH || !commandAt(file.model, at)) continue;
    found.push({ start: at, end });
  }
  return found;
}

/**
 * The `--NAME=` overrides that set an ARG: those after a reference to its target or function, or, for a
 * global ARG, to any target or function of its file that does not declare an ARG of that name itself.
 */
function overrideUses(file: SourceFile, arg: Variable, scope: UseScope): Use[] {
  const model = file.model;
  const callees = new Set<Recipe>();
  if (arg.global) {
    const own = argsByRecipe(model);
    for (const recipe of model.recipes) if (!own.get(recipe)?.some((v) => v.name === arg.name)) callees.add(recipe);
  } else if (arg.scope.recipe.kind !== 'base') {
    callees.add(arg.scope.recipe);
  }
  const uses: Use[] = [];
  if (callees.size === 0) return uses;
  const folder = folderName(file);
  for (const from of scope.files()) {
    for (const site of from.model.references) {
      const key = site.overrides.find((o) => o.key === arg.name);
      if (!key || !site.ref || !mayPointAt(from, site, file, folder)) continue;
      const callee = scope.resolve({ ...from, recipe: site.recipe }, site);
      if (callee && callees.has(callee.recipe)) uses.push({ file: from, range: span(key.keyRange), kind: 'write' });
    }
  }
  return uses;
}

function aliasUses(file: SourceFile, imp: Import): Use[] {
  const uses: Use[] = [{ file, range: span(imp.aliasRange), kind: 'declaration', impliedAlias: imp.aliasRange === imp.path.range }];
  for (const site of file.model.references) {
    if (site.import === imp && site.earthfileRange) uses.push({ file, range: span(site.earthfileRange), kind: 'read' });
  }
  return uses;
}

function span(range: Range): Range {
  return { start: range.start, end: range.end };
}
