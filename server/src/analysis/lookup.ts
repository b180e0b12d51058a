// Position queries over a file model: which recipe, variable or reference is at an offset.

import type { CommandNode, Range, Statement } from '../parser';
import { isContinuation, continuationEnd } from '../text/continuations';
import { CH_DOLLAR, CH_LBRACE, isNamePart, isNameStart, skipBlanks } from '../text/characters';
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

/** `$NAME` or `${NAME…}` around `offset` in `text[from, to]`: the name's range. */
export function variableUseAt(text: string, offset: number, from: number, to: number): Range | undefined {
  let start = offset;
  // On the `$` or the `{` itself: the name follows.
  if (text.charCodeAt(start) === CH_DOLLAR) start++;
  if (text.charCodeAt(start) === CH_LBRACE && text.charCodeAt(start - 1) === CH_DOLLAR) start++;
  while (start > from && isNamePart(text.charCodeAt(start - 1))) start--;
  if (!isNameStart(text.charCodeAt(start))) return undefined;
  const before = text.charCodeAt(start - 1);
  if (before !== CH_DOLLAR && !(before === CH_LBRACE && text.charCodeAt(start - 2) === CH_DOLLAR)) return undefined;
  let end = start;
  while (end < to && isNamePart(text.charCodeAt(end))) end++;
  return offset <= end ? { start, end } : undefined;
}

/** The reference whose word contains `offset`. */
export function referenceAt(model: FileModel, offset: number): ReferenceSite | undefined {
  return model.references.find((s) => s.range.start <= offset && offset <= s.range.end);
}

/**
 * The last command line, at any depth, that starts at or before `offset` in the recipe holding it (the
 * VERSION line counts in the base recipe): a binary search per level of nesting, never a walk of the file.
 */
export function commandBefore(model: FileModel, offset: number): CommandNode | undefined {
  const recipe = recipeAt(model, offset);
  const version = model.tree.version;
  let found = recipe.kind === 'base' && version && version.range.start <= offset ? version : undefined;
  let list: readonly Statement[] = recipe.statements;
  for (;;) {
    const i = lastAtOrBelow(list.length, (k) => list[k].range.start, offset);
    if (i < 0) return found;
    const statement = list[i];
    if (statement.kind === 'command') return statement;
    if (statement.end && statement.end.range.start <= offset) return statement.end;
    const clauses = statement.clauses;
    const clause = clauses[Math.max(0, lastAtOrBelow(clauses.length, (k) => clauses[k].range.start, offset))];
    found = clause.command;
    list = clause.body;
  }
}

/** The command line whose text (keyword to last word, both ends included) holds `offset`. */
export function commandAt(model: FileModel, offset: number): CommandNode | undefined {
  const command = commandBefore(model, offset);
  return command && offset <= command.range.end ? command : undefined;
}

/**
 * The command line a person typing at `offset` is still writing: the one whose text holds it, or whose
 * last word it follows on the same line or across line continuations (not inside a trailing comment).
 */
export function commandTypedAt(model: FileModel, offset: number): CommandNode | undefined {
  const command = commandBefore(model, offset);
  if (!command) return undefined;
  const text = model.tree.text;
  let end = skipBlanks(text, command.range.end);
  while (end < offset && isContinuation(text, end)) end = skipBlanks(text, continuationEnd(text, end));
  return offset <= end ? command : undefined;
}
