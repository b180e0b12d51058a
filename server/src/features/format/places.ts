// Where each command line of a tree sits: its nesting depth and its role in a block. The formatter
// indents every line by these, never by the indentation it was written with.
import type { CommandNode, EarthfileNode, Statement } from '../../parser';

/** A plain statement, the first line of a block, an ELSE / ELSE IF / CATCH / FINALLY line, or END. */
export type LineRole = 'statement' | 'opener' | 'clause' | 'end';

export interface Place {
  readonly command: CommandNode;
  /** Levels of indentation: 0 in the base recipe, 1 in a recipe, one more inside each block. */
  readonly depth: number;
  readonly role: LineRole;
  /**
   * An END of a block of the base recipe whose opener has a doc comment: the parser passes that
   * comment on to the next header unless blank lines drop it (parse.ts, `carried`).
   */
  readonly passesDocs: boolean;
}

type Work = Place | { readonly stmts: readonly Statement[]; readonly depth: number; readonly base: boolean };

/** The place of every command line, in source order; undefined when blocks nest deeper than `maxDepth`. */
export function placesOf(tree: EarthfileNode, maxDepth: number): Place[] | undefined {
  const places: Place[] = [];
  const place = (command: CommandNode, depth: number, role: LineRole, passesDocs = false): Place => ({ command, depth, role, passesDocs });
  if (tree.version) places.push(place(tree.version, 0, 'statement'));
  // A walk in source order with an explicit stack, not recursion: 10,000 nested blocks must not
  // overflow the call stack. Work is pushed in reverse so that it pops in order.
  const stack: Work[] = tree.items.map((item) => ({ stmts: item.recipe, depth: 1, base: false })).reverse();
  stack.push({ stmts: tree.baseRecipe, depth: 0, base: true });
  while (stack.length > 0) {
    const work = stack.pop() as Work;
    if ('command' in work) {
      places.push(work);
      continue;
    }
    const { stmts, depth, base } = work;
    if (depth > maxDepth) return undefined;
    for (let i = stmts.length - 1; i >= 0; i--) {
      const s = stmts[i];
      if (s.kind === 'command') {
        stack.push(place(s, depth, 'statement'));
        continue;
      }
      if (s.end) stack.push(place(s.end, depth, 'end', base && depth === 0 && s.clauses[0].command.docs !== undefined));
      for (let k = s.clauses.length - 1; k >= 0; k--) {
        stack.push({ stmts: s.clauses[k].body, depth: depth + 1, base: false });
        stack.push(place(s.clauses[k].command, depth, k === 0 ? 'opener' : 'clause'));
      }
    }
  }
  return places;
}
