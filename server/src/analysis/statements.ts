// Every statement of a file in source order, with its recipe. Iterative, so 10,000 nested blocks
// cannot overflow the stack. A callback rather than a list or a generator, and the pending clause
// bodies in two parallel arrays rather than one frame object each: the walk then allocates nothing
// per statement, which matters in files of tens of thousands of lines.
import type { BlockNode, CommandNode, Statement } from '../parser';
import type { FileModel, Recipe } from './model';

/** Calls `visit` for each statement, in source order, with its recipe. */
export function forEachStatement(model: FileModel, visit: (statement: Statement, recipe: Recipe) => void): void {
  const lists: (readonly Statement[])[] = [];
  const next: number[] = [];
  for (let r = -1; r < model.recipes.length; r++) walkRecipe(r < 0 ? model.base : model.recipes[r], visit, lists, next);
}

/** Calls `visit` for each statement of one recipe, nested ones included, in source order. */
export function forEachStatementOf(recipe: Recipe, visit: (statement: Statement, recipe: Recipe) => void): void {
  walkRecipe(recipe, visit, [], []);
}

/**
 * The walk of one recipe. `lists` holds the statement lists being walked, innermost last, and `next`
 * the index of the next statement of each; `depth` of them are in use (the arrays are reused, never shrunk).
 */
function walkRecipe(
  recipe: Recipe,
  visit: (statement: Statement, recipe: Recipe) => void,
  lists: (readonly Statement[])[],
  next: number[],
): void {
  lists[0] = recipe.statements;
  next[0] = 0;
  let depth = 1;
  while (depth > 0) {
    const top = depth - 1;
    const statements = lists[top];
    if (next[top] >= statements.length) {
      depth--;
      continue;
    }
    const statement = statements[next[top]++];
    visit(statement, recipe);
    if (statement.kind !== 'command') {
      // Clauses are pushed in reverse so they are visited in source order.
      for (let i = statement.clauses.length - 1; i >= 0; i--) {
        lists[depth] = statement.clauses[i].body;
        next[depth] = 0;
        depth++;
      }
    }
  }
}

/**
 * Calls `visit` for each command line of the file in source order, with its recipe: a block's clause
 * lines (IF, ELSE, ...) and its END in their places, between the bodies (VERSION is not in a recipe).
 */
export function forEachCommand(model: FileModel, visit: (command: CommandNode, recipe: Recipe) => void): void {
  // A statement list being walked, or a block whose clauses are (`next` counts its clauses, then END).
  const frames: ({ readonly list: readonly Statement[]; next: number } | { readonly block: BlockNode; next: number })[] = [];
  for (let r = -1; r < model.recipes.length; r++) {
    const recipe = r < 0 ? model.base : model.recipes[r];
    frames.push({ list: recipe.statements, next: 0 });
    while (frames.length > 0) {
      const top = frames[frames.length - 1];
      if ('list' in top) {
        if (top.next >= top.list.length) frames.pop();
        else {
          const statement = top.list[top.next++];
          if (statement.kind === 'command') visit(statement, recipe);
          else frames.push({ block: statement, next: 0 });
        }
        continue;
      }
      const clause = top.block.clauses[top.next++];
      if (clause) {
        visit(clause.command, recipe);
        frames.push({ list: clause.body, next: 0 });
      } else {
        frames.pop();
        if (top.block.end) visit(top.block.end, recipe);
      }
    }
  }
}
