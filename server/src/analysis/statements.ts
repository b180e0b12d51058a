// Every statement of a file in source order, with the blocks around it. Iterative, so 10,000 nested
// blocks cannot overflow the stack. A callback rather than a list or a generator: the walk then
// allocates nothing per statement, which matters in files of tens of thousands of lines.
import type { BlockNode, Statement } from '../parser/syntax';
import type { FileModel, Recipe } from './model';

/** A block around a statement, linked to the blocks around it (shared, so each block costs O(1)). */
export interface Enclosing {
  readonly block: BlockNode;
  readonly outer: Enclosing | undefined;
}

/** Calls `visit` for each statement, in source order, with its recipe and its innermost enclosing block. */
export function forEachStatement(
  model: FileModel,
  visit: (statement: Statement, recipe: Recipe, enclosing: Enclosing | undefined) => void,
): void {
  for (const recipe of [model.base, ...model.recipes]) {
    // Each frame: the statements of one clause, the index of the next one to visit and the blocks
    // around them.
    const stack: { statements: readonly Statement[]; next: number; enclosing: Enclosing | undefined }[] = [
      { statements: recipe.statements, next: 0, enclosing: undefined },
    ];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.next >= frame.statements.length) {
        stack.pop();
        continue;
      }
      const statement = frame.statements[frame.next++];
      visit(statement, recipe, frame.enclosing);
      if (statement.kind !== 'command') {
        const enclosing = { block: statement, outer: frame.enclosing };
        // Clauses are pushed in reverse so they are visited in source order.
        for (let i = statement.clauses.length - 1; i >= 0; i--) stack.push({ statements: statement.clauses[i].body, next: 0, enclosing });
      }
    }
  }
}
