// The ENV variables in force at an offset of a recipe, including those it did not declare: ENV lives in
// the image, so `FROM +base` brings the base target's ENVs (and those its own base brought), and a
// function run with `DO` leaves its ENVs behind. ARG and LET do not travel either way (§8: a function has
// its own ARG scope; a base target's ARGs are build arguments, not image state). Any other FROM
// (an image, a Dockerfile) starts from what is unknown here, which is treated as nothing.

import type { CommandNode } from '../parser';
import { forEachStatementOf } from './statements';
import type { FileModel, Recipe, ReferenceSite, Variable } from './model';
import type { WorkspaceIndex } from './workspaceIndex';

/** An ENV in force, and the recipe that declared it (the recipe's own, or one it came from). */
export interface EnvInForce extends RecipeIn {
  readonly variable: Variable;
}

/** A recipe and the Earthfile it is in (`path` undefined for an unsaved document). */
export interface RecipeIn {
  readonly model: FileModel;
  readonly recipe: Recipe;
  readonly path?: string;
}

/** The target or function a FROM or DO reference of `from` names, wherever it lives; undefined when unknown. */
export type RecipeResolver = (from: RecipeIn, site: ReferenceSite) => RecipeIn | undefined;

/**
 * Every ENV name that the recipe's `FROM +target` and `DO +function` lines bring, wherever they are in
 * it: one walk per recipe, for a check that asks about many uses.
 */
export function namesBroughtIn(place: RecipeIn, resolve: RecipeResolver): Set<string> {
  const finals = new Map<Recipe, Map<string, EnvInForce>>();
  const names = new Set<string>();
  for (const callee of fromAndDoSites(place, resolve).values()) for (const name of finalEnv(callee, resolve, finals, 0).keys()) names.add(name);
  return names;
}

/** Chains of FROM and DO deeper than this are not followed (a cycle is an error Earthly reports anyway). */
const MAX_DEPTH = 16;

/** The ENVs in force just before `offset` in `place`, by name. */
export function envInForce(place: RecipeIn, offset: number, resolve: RecipeResolver): Map<string, EnvInForce> {
  return walk(place, offset, resolve, new Map(), 0);
}

function walk(
  place: RecipeIn,
  offset: number,
  resolve: RecipeResolver,
  finals: Map<Recipe, Map<string, EnvInForce>>,
  depth: number,
): Map<string, EnvInForce> {
  const envs = linesOf(place.model, place.recipe)?.envs;
  const sites = fromAndDoSites(place, resolve);
  let env = new Map<string, EnvInForce>();
  forEachStatementOf(place.recipe, (statement) => {
    if (statement.kind !== 'command' || statement.range.start >= offset) return;
    const keyword = statement.keyword.text;
    if (keyword === 'ENV') {
      const variable = envs?.get(statement);
      if (variable) env.set(variable.name, { ...place, variable });
    } else if (keyword === 'FROM' || keyword === 'FROM DOCKERFILE' || keyword === 'LOCALLY') {
      const callee = sites.get(statement);
      env = callee ? new Map(finalEnv(callee, resolve, finals, depth)) : new Map();
    } else if (keyword === 'DO') {
      const callee = sites.get(statement);
      if (callee) for (const [name, e] of finalEnv(callee, resolve, finals, depth)) env.set(name, e);
    }
  });
  return env;
}

/** The ENVs a recipe leaves in force at its end (memoised per request; cycles and deep chains give nothing more). */
function finalEnv(
  callee: RecipeIn,
  resolve: RecipeResolver,
  finals: Map<Recipe, Map<string, EnvInForce>>,
  depth: number,
): Map<string, EnvInForce> {
  const known = finals.get(callee.recipe);
  if (known) return known;
  if (depth >= MAX_DEPTH) return new Map();
  // Seen before it is finished: a cycle.
  finals.set(callee.recipe, new Map());
  const env = walk(callee, callee.recipe.range.end + 1, resolve, finals, depth + 1);
  finals.set(callee.recipe, env);
  return env;
}

/** A recipe's ENV lines and its FROM and DO reference sites. */
export interface RecipeLines {
  readonly envs: Map<CommandNode, Variable>;
  readonly sites: ReferenceSite[];
}

/** Per model, its recipes' lines: grouped in one pass over the model, so a FROM chain costs no rescans. */
function linesOf(model: FileModel, recipe: Recipe): RecipeLines | undefined {
  let byRecipe = model.derived.recipeLines;
  if (!byRecipe) {
    byRecipe = new Map();
    const entry = (r: Recipe): RecipeLines => {
      let lines = byRecipe!.get(r);
      if (!lines) byRecipe!.set(r, (lines = { envs: new Map(), sites: [] }));
      return lines;
    };
    for (const v of model.variables) if (v.kind === 'ENV') entry(v.scope.recipe).envs.set(v.command, v);
    for (const site of model.references) if (site.role === 'FROM' || site.role === 'DO') entry(site.recipe).sites.push(site);
    model.derived.recipeLines = byRecipe;
  }
  return byRecipe.get(recipe);
}

/** The resolved callee of each `FROM +target` and `DO +function` line of the recipe. */
function fromAndDoSites(place: RecipeIn, resolve: RecipeResolver): Map<CommandNode, RecipeIn> {
  const sites = new Map<CommandNode, RecipeIn>();
  for (const site of linesOf(place.model, place.recipe)?.sites ?? []) {
    const callee = resolve(place, site);
    if (callee) sites.set(site.command, callee);
  }
  return sites;
}

/** The resolver that reads other Earthfiles through the workspace index (only this file's recipes without one). */
export function workspaceResolver(workspace: Pick<WorkspaceIndex, 'resolveReference'> | undefined): RecipeResolver {
  return (from, site) => {
    const ref = site.ref;
    if (!ref || ref.dynamic) return undefined;
    if (ref.earthfile.kind === 'same') {
      const recipe = (ref.nameKind === 'function' ? from.model.functionsByName : from.model.targetsByName).get(ref.name.text);
      return recipe && { model: from.model, recipe, path: from.path };
    }
    const resolved = from.path === undefined ? undefined : workspace?.resolveReference(from.path, site);
    return resolved?.definition && { model: resolved.file.model, recipe: resolved.definition, path: resolved.file.path };
  };
}
