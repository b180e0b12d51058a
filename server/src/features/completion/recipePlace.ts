// Where a command line sits in its recipe: the recipe, the blocks open around it (innermost last),
// whether it is the recipe's first statement and whether LOCALLY came before. Found by binary search
// over the statements of each level, so a 10,000-line file costs a few dozen comparisons.

import type { FileModel, Recipe } from '../../analysis/model';
import { recipeAt } from '../../analysis/lookup';
import type { BlockNode, Statement } from '../../parser';
import { lastAtOrBelow } from '../../text/sortedSearch';

export interface OpenClause {
  readonly block: BlockNode;
  /** The clause's keyword: `IF`, `ELSE IF`, `ELSE`, `FOR`, `WITH DOCKER`, `WAIT`, `TRY`, `CATCH` or `FINALLY`. */
  readonly keyword: string;
}

export interface RecipePlace {
  readonly recipe: Recipe;
  readonly clauses: readonly OpenClause[];
  /** No statement of the recipe starts before the line. */
  readonly first: boolean;
  /** A LOCALLY at the recipe's top level comes before the line. */
  readonly afterLocally: boolean;
}

/** The place of the command line starting at `lineStart`. */
export function recipePlace(model: FileModel, lineStart: number): RecipePlace {
  const recipe = recipeAt(model, lineStart);
  const top = recipe.statements;
  const before = statementBefore(top, lineStart);
  let afterLocally = false;
  for (let i = 0; i <= before; i++) {
    const st = top[i];
    if (st.kind === 'command' && st.keyword.text === 'LOCALLY') afterLocally = true;
  }
  const clauses: OpenClause[] = [];
  let list = top;
  for (let i = before; i >= 0; i = statementBefore(list, lineStart)) {
    const st = list[i];
    if (st.kind === 'command') break;
    const opener = st.clauses[0].command;
    // On the opener's own line, or after its END: not inside.
    if (lineStart <= opener.range.end || (st.end && lineStart > st.end.range.start)) break;
    const c = lastAtOrBelow(st.clauses.length, (k) => st.clauses[k].command.range.start, lineStart - 1);
    const clause = st.clauses[Math.max(0, c)];
    clauses.push({ block: st, keyword: clause.command.keyword.text });
    list = clause.body;
  }
  return { recipe, clauses, first: before < 0, afterLocally };
}

/** The index of the last statement of `list` that starts before `offset`, or -1. */
function statementBefore(list: readonly Statement[], offset: number): number {
  return lastAtOrBelow(list.length, (k) => list[k].range.start, offset - 1);
}
