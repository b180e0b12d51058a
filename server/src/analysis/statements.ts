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
 * Like the walk above, it allocates nothing per statement.
 */
export function forEachCommand(model: FileModel, visit: (command: CommandNode, recipe: Recipe) => void): void {
  // At each depth: a statement list being walked, or (`blocks` set) a block whose clauses are; `next`
  // counts the statements of a list, or the clauses of a block and then its END.
  const lists: (readonly Statement[])[] = [];
  const blocks: (BlockNode | undefined)[] = [];
  const next: number[] = [];
  for (let r = -1; r < model.recipes.length; r++) {
    const recipe = r < 0 ? model.base : model.recipes[r];
    lists[0] = recipe.statements;
    blocks[0] = undefined;
    next[0] = 0;
    let depth = 1;
    while (depth > 0) {
      const top = depth - 1;
      const block = blocks[top];
      if (block === undefined) {
        const list = lists[top];
        if (next[top] >= list.length) {
          depth--;
          continue;
        }
        const statement = list[next[top]++];
        if (statement.kind === 'command') visit(statement, recipe);
        else {
          blocks[depth] = statement;
          next[depth++] = 0;
        }
        continue;
      }
      const i = next[top]++;
      if (i < block.clauses.length) {
        visit(block.clauses[i].command, recipe);
        lists[depth] = block.clauses[i].body;
        blocks[depth] = undefined;
        next[depth++] = 0;
      } else {
        depth--;
        if (block.end) visit(block.end, recipe);
      }
    }
  }
}
