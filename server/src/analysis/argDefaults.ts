// The values variables have when the Earthfile alone tells them: the literal defaults of its ARGs.
// A build can override them, but a default is what a run uses unless the user says otherwise: the
// registry whose credentials to refresh, the reference `BUILD $target` builds (reference §8).

import type { FileModel, Recipe } from './model';
import { unquote } from './shellQuotes';

/** The value a variable would have, when the Earthfile alone tells it. */
export type VariableValue = (name: string) => string | undefined;

/** `$NAME` or `${NAME}`; other `${...}` forms (defaults, substitutions) are left unexpanded. */
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** `text` with every variable `valueOf` knows replaced by its value; the others stay as written. */
export function expandKnown(text: string, valueOf: VariableValue): string {
  return text.replace(VARIABLE, (whole, braced?: string, bare?: string) => valueOf((braced ?? bare)!) ?? whole);
}

/**
 * The ARG defaults without variables, per recipe; the base recipe's entry holds only its global ARGs.
 * Made once per model by the caller.
 */
export function literalArgDefaults(model: FileModel): Map<Recipe, Map<string, string>> {
  const byRecipe = new Map<Recipe, Map<string, string>>();
  for (const v of model.variables) {
    if (v.kind !== 'ARG' || v.value === undefined || v.value.includes('$')) continue;
    if (v.scope.recipe === model.base && !v.global) continue;
    let values = byRecipe.get(v.scope.recipe);
    if (!values) byRecipe.set(v.scope.recipe, (values = new Map()));
    if (!values.has(v.name)) values.set(v.name, unquote(v.value));
  }
  return byRecipe;
}

/** The defaults in force in `recipe`: its own ARGs, then the global ones. */
export function defaultsIn(defaults: ReadonlyMap<Recipe, ReadonlyMap<string, string>>, model: FileModel, recipe: Recipe): VariableValue {
  return (name) => defaults.get(recipe)?.get(name) ?? defaults.get(model.base)?.get(name);
}
