// The formatter's guarantee: the formatted text has the syntax tree of the source, compared as
// `earthfile ast` prints it (`astEqual`, which compares what `toAstJson` prints).
import { astEqual, parse, type EarthfileNode } from '../../parser';

/** Whether `text` parses without errors to the AST of `tree`. */
export function sameAst(tree: EarthfileNode, text: string): boolean {
  const result = parse(text);
  return result.errors.length === 0 && astEqual(result.tree, tree);
}
