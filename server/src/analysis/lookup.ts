// Position queries over a file model: which recipe, variable or reference is at an offset.

import { lastAtOrBelow } from '../text/sortedSearch';
import type { FileModel, Recipe, ReferenceSite, Variable } from './model';

/** The recipe whose extent holds `offset`: the last header at or before it, else the base recipe. */
export function recipeAt(model: FileModel, offset: number): Recipe {
  const recipes = model.recipes;
  const i = lastAtOrBelow(recipes.length, (r) => recipes[r].extent.start, offset);
  return i < 0 ? model.base : recipes[i];
}

/**
 * The declarations usable at `offset`, one per name: the latest one in the recipe wins, then the
 * file's global ARGs. SET assigns and declares nothing, so it is left out.
 */
export function visibleVariables(model: FileModel, offset: number): Map<string, Variable> {
  const recipe = recipeAt(model, offset);
  const local = new Map<string, Variable>();
  const global = new Map<string, Variable>();
  for (const v of model.variables) {
    if (v.kind === 'SET') continue;
    if (v.scope.recipe === recipe && v.visible.start <= offset && offset <= v.visible.end) local.set(v.name, v);
    else if (v.global && recipe.kind !== 'base') global.set(v.name, v);
  }
  for (const [name, v] of global) if (!local.has(name)) local.set(name, v);
  return local;
}

/** The declaration that `name` refers to at `offset`, if any. */
export function declarationOf(model: FileModel, name: string, offset: number): Variable | undefined {
  return visibleVariables(model, offset).get(name);
}

/** The reference whose word contains `offset`. */
export function referenceAt(model: FileModel, offset: number): ReferenceSite | undefined {
  return model.references.find((s) => s.range.start <= offset && offset <= s.range.end);
}
