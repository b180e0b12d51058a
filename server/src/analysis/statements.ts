// Every statement of a file in source order, with the blocks around it. Iterative, so 10,000 nested
// blocks cannot overflow the stack.
import type { BlockNode, Statement } from '../parser/syntax';
import type { FileModel, Recipe } from './model';

export interface StatementVisit {
  readonly statement: Statement;
  readonly recipe: Recipe;
  /** The enclosing blocks, outermost first (shared between visits: copy it to keep it). */
  readonly blocks: readonly BlockNode[];
}

export function* statementsOf(model: FileModel): Generator<StatementVisit> {
  for (const recipe of [model.base, ...model.recipes]) {
    const blocks: BlockNode[] = [];
    // Each frame: the statements of one clause and the index of the next one to visit. A frame that
    // `closes` a block has no statements: reaching it means the block's clauses are done.
    const stack: { statements: readonly Statement[]; next: number; closes?: BlockNode }[] = [
      { statements: recipe.statements, next: 0 },
    ];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.next >= frame.statements.length) {
        stack.pop();
        if (frame.closes) blocks.pop();
        continue;
      }
      const statement = frame.statements[frame.next++];
      yield { statement, recipe, blocks };
      if (statement.kind !== 'command') {
        blocks.push(statement);
        stack.push({ statements: [], next: 0, closes: statement });
        // Clauses are pushed in reverse so they are visited in source order.
        for (let i = statement.clauses.length - 1; i >= 0; i--) stack.push({ statements: statement.clauses[i].body, next: 0 });
      }
    }
  }
}
