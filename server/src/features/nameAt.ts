// What the name at an offset of an Earthfile is, and where it is declared: the first step of go to
// definition, find references, rename and the call hierarchy. A name is a target or function (its header, or
// a reference to it in this file, another Earthfile or through an IMPORT alias), a variable (its declaration,
// a `$NAME` use, or a `--NAME=` override, which names the callee's ARG), an IMPORT alias or path, an artifact
// (`+t/path`), or the VERSION feature that a command, flag or builtin ARG needs. Like hover, it reads only the
// command at the offset, found by binary search.

import { envInForce, workspaceResolver } from '../analysis/inheritedEnv';
import { commandAt, declarationOf, recipeAt, variableUseAt } from '../analysis/lookup';
import type { FileModel, Import, Recipe, SourceFile, Variable } from '../analysis/model';
import { argsOfRecipe } from '../analysis/recipeArgs';
import { builtinArg } from '../language/builtinArgs';
import { commandByName, flagOf } from '../language/commands';
import type { CommandNode, Range } from '../parser';
import { lookupCallee, remoteNote, type FeatureContext } from './recipeSignature';

export type Named =
  | { readonly kind: 'recipe'; readonly file: SourceFile; readonly recipe: Recipe }
  | { readonly kind: 'variable'; readonly file: SourceFile; readonly variable: Variable }
  | { readonly kind: 'alias'; readonly file: SourceFile; readonly import: Import }
  /** The Earthfile an IMPORT path names. */
  | { readonly kind: 'earthfile'; readonly file: SourceFile }
  /** `+t/path`: the artifact `path` of target `recipe`. */
  | { readonly kind: 'artifact'; readonly file: SourceFile; readonly recipe: Recipe; readonly path: string }
  /** A VERSION feature, `declared` by its flag on the VERSION line or by the version number that turns it on. */
  | { readonly kind: 'feature'; readonly file: SourceFile; readonly name: string; readonly declared: Range };

export interface NameAt {
  /** The name under the cursor as written: what a rename replaces. */
  readonly range: Range;
  readonly named?: Named;
  /** Why the name leads to nothing that can be shown (a remote Earthfile, a builtin, nothing declared). */
  readonly note?: string;
}

function within(range: Range | undefined, offset: number): range is Range {
  return range !== undefined && range.start <= offset && offset <= range.end;
}

function span(range: Range): Range {
  return { start: range.start, end: range.end };
}

/** The name at `offset` of `model`, or undefined when the cursor is on no name. */
export function nameAt(model: FileModel, offset: number, context: FeatureContext): NameAt | undefined {
  const file: SourceFile = { model, path: context.path };
  const recipe = recipeAt(model, offset);
  if (recipe.node && within(recipe.node.nameRange, offset)) return { range: span(recipe.node.nameRange), named: { kind: 'recipe', file, recipe } };
  const command = commandAt(model, offset);
  if (!command) return undefined;
  for (const part of COMMAND_PARTS) {
    const found = part(file, command, offset, context);
    if (found) return found;
  }
  return undefined;
}

type PartLookup = (file: SourceFile, command: CommandNode, offset: number, context: FeatureContext) => NameAt | undefined;

/** What a word of a command line can name, most specific first (the order hover reads them in). */
const COMMAND_PARTS: readonly PartLookup[] = [variableUse, reference, override, declarationKey, importWord, featureNeeded];

function variableUse(file: SourceFile, command: CommandNode, offset: number, context: FeatureContext): NameAt | undefined {
  const { model } = file;
  const range = variableUseAt(model.tree.text, offset, command.range.start, command.range.end);
  if (!range) return undefined;
  const name = model.tree.text.slice(range.start, range.end);
  const declaration = declarationOf(model, name, offset);
  if (declaration) return { range, named: { kind: 'variable', file, variable: declaration } };
  const builtin = builtinArg(name);
  if (builtin) {
    const feature = builtin.feature && featureNamed(file, builtin.feature);
    return feature ? { range, named: feature } : { range, note: `${name} is a builtin ARG: Earthly sets it.` };
  }
  const inherited = envInForce({ model, recipe: recipeAt(model, offset), path: file.path }, offset, workspaceResolver(context.workspace)).get(name);
  if (inherited) return { range, named: { kind: 'variable', file: { model: inherited.model, path: inherited.path }, variable: inherited.variable } };
  return { range, note: `No ARG, LET, ENV or FOR declares ${name} here.` };
}

/** A target, function or artifact reference, or the IMPORT alias it is written with. */
function reference(file: SourceFile, command: CommandNode, offset: number, context: FeatureContext): NameAt | undefined {
  const { model } = file;
  const site = model.references.find(
    (s) => s.command === command && within(s.range, offset) && !s.overrides.some((o) => within(o.keyRange, offset) || within(o.valueRange, offset)),
  );
  const ref = site?.ref;
  if (!site || !ref) return undefined;
  const range = span(site.nameRange ?? site.range);
  if (ref.earthfile.kind === 'import' && within(site.earthfileRange, offset)) {
    const aliasRange = span(site.earthfileRange);
    return site.import ? { range: aliasRange, named: { kind: 'alias', file, import: site.import } } : { range: aliasRange, note: `No IMPORT gives the alias ${ref.earthfile.alias.text} here.` };
  }
  const found = lookupCallee(model, site, context);
  if (!found) return undefined;
  if ('note' in found) return { range, note: found.note };
  const callee = { model: found.callee.model, path: found.callee.path };
  if (ref.artifact && within(site.artifactRange, offset)) {
    return { range: span(site.artifactRange), named: { kind: 'artifact', file: callee, recipe: found.callee.recipe, path: ref.artifact.text } };
  }
  return { range, named: { kind: 'recipe', file: callee, recipe: found.callee.recipe } };
}

/** `--NAME=value` after a reference: the key names the callee's ARG. */
function override(file: SourceFile, command: CommandNode, offset: number, context: FeatureContext): NameAt | undefined {
  for (const site of file.model.references) {
    if (site.command !== command) continue;
    const key = site.overrides.find((o) => within(o.keyRange, offset));
    if (!key) continue;
    const range = span(key.keyRange);
    const found = lookupCallee(file.model, site, context);
    if (!found) return undefined;
    if ('note' in found) return { range, note: found.note };
    const { model, path, recipe } = found.callee;
    const arg = argsOfRecipe(model, recipe).find((a) => a.name === key.key);
    return arg ? { range, named: { kind: 'variable', file: { model, path }, variable: arg } } : { range, note: `The ${recipe.kind} ${recipe.name} declares no ARG ${key.key}.` };
  }
  return undefined;
}

/** The name of an ARG, LET, SET, ENV or FOR line: the variable (SET names the LET it changes). */
function declarationKey(file: SourceFile, command: CommandNode, offset: number): NameAt | undefined {
  const { model } = file;
  const variable = model.variables.find((v) => v.command === command && within(v.nameRange, offset));
  if (!variable) return undefined;
  const range = span(variable.nameRange);
  const declaration = variable.kind === 'SET' ? declarationOf(model, variable.name, offset) : variable;
  return declaration ? { range, named: { kind: 'variable', file, variable: declaration } } : { range, note: `No LET declares ${variable.name} before this SET.` };
}

/**
 * The words of an IMPORT: its alias, written or defaulted to the last path element (then the path word
 * stands for both), and its path, which names the Earthfile brought in.
 */
function importWord(file: SourceFile, command: CommandNode, offset: number, context: FeatureContext): NameAt | undefined {
  const imp = file.model.imports.find((i) => i.command === command && (within(i.path.range, offset) || within(i.aliasRange, offset)));
  if (!imp) return undefined;
  const onAlias = within(imp.aliasRange, offset);
  const range = span(onAlias ? imp.aliasRange : imp.path.range);
  if (imp.alias === undefined || imp.error !== undefined) return undefined;
  if (onAlias) return { range, named: { kind: 'alias', file, import: imp } };
  if (imp.earthfile?.kind === 'remote') return { range, note: remoteNote(imp.earthfile) };
  const imported = context.path === undefined ? undefined : context.workspace.importedFile(context.path, imp);
  return imported ? { range, named: { kind: 'earthfile', file: imported } } : { range, note: 'No Earthfile is found in that folder.' };
}

/** A command keyword or a flag that needs a VERSION feature: the feature, where the VERSION line turns it on. */
function featureNeeded(file: SourceFile, command: CommandNode, offset: number): NameAt | undefined {
  const spec = commandByName(command.keyword.text);
  if (!spec) return undefined;
  let range: Range | undefined;
  let feature: string | undefined;
  if (within(command.keyword.range, offset)) {
    range = command.keyword.range;
    feature = spec.feature;
  } else {
    const flag = command.flags.find((f) => within(f.nameRange, offset));
    range = flag?.nameRange;
    feature = flag && flagOf(spec, flag.name)?.feature;
  }
  if (!range || !feature) return undefined;
  const named = featureNamed(file, feature);
  return named ? { range: span(range), named } : { range: span(range), note: `The feature --${feature} is not on under this file's VERSION.` };
}

function featureNamed(file: SourceFile, name: string): Named | undefined {
  const version = file.model.version;
  const declared = version?.flags.find((f) => f.name === name)?.range ?? (file.model.features.has(name) ? version?.valueRange : undefined);
  return declared && { kind: 'feature', file, name, declared: span(declared) };
}
