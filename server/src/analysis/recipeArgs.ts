// The ARGs a caller can set on a target or function (`+t --KEY=value`): the recipe's own ARGs and the
// global ARGs of its Earthfile (reference §8). Builtin ARGs are left out, since Earthly sets them.

import { builtinArg } from '../language/builtinArgs';
import type { FileModel, Recipe, Variable } from './model';

/** The settable ARGs of every recipe of `model`, by the recipe that declares them; the global ones under the base recipe. */
export function argsByRecipe(model: FileModel): Map<Recipe, Variable[]> {
  const byRecipe = new Map<Recipe, Variable[]>();
  for (const v of model.variables) {
    if (v.kind !== 'ARG' || builtinArg(v.name)) continue;
    if (v.scope.recipe.kind === 'base' && !v.global) continue;
    const list = byRecipe.get(v.scope.recipe);
    if (list) list.push(v);
    else byRecipe.set(v.scope.recipe, [v]);
  }
  return byRecipe;
}

/** One ARG per name, in declaration order (a recipe's own ARG wins over a global of its name), `--required` first. */
export function callerArgs(globals: readonly Variable[], own: readonly Variable[]): Variable[] {
  const byName = new Map<string, Variable>();
  const ownNames = new Set(own.map((v) => v.name));
  for (const v of globals) if (!ownNames.has(v.name) && !byName.has(v.name)) byName.set(v.name, v);
  for (const v of own) if (!byName.has(v.name)) byName.set(v.name, v);
  // Array.prototype.sort is stable, so each group keeps declaration order.
  return [...byName.values()].sort((a, b) => Number(b.required) - Number(a.required));
}

/** The ARGs a caller of `recipe` can set, as `callerArgs` orders them. */
export function argsOfRecipe(model: FileModel, recipe: Recipe): Variable[] {
  const byRecipe = argsByRecipe(model);
  return callerArgs(byRecipe.get(model.base) ?? [], recipe.kind === 'base' ? [] : (byRecipe.get(recipe) ?? []));
}

/** The default as written (`ARG X=` has the empty string), or undefined when the ARG has none. */
export function argDefault(v: Variable): string | undefined {
  const kv = v.command.keyValue;
  return kv?.equals ? (kv.value?.text ?? '') : undefined;
}
