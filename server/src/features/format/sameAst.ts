// The formatter's guarantee: the formatted text has the syntax tree of the source, compared as
// `earthfile ast` prints it (`toAstJson`).
import { parse, toAstJson, type EarthfileNode } from '../../parser';

/** Whether `text` parses without errors to the AST of `tree`. */
export function sameAst(tree: EarthfileNode, text: string): boolean {
  const result = parse(text);
  return result.errors.length === 0 && jsonEqual(toAstJson(result.tree), toAstJson(tree));
}

/**
 * Equality of two JSON values (what `toAstJson` makes: plain objects, arrays, strings, booleans,
 * null). Recursive, which is twice as fast here as a loop with a stack: the formatter only compares
 * trees whose blocks nest at most `MAX_FORMAT_DEPTH` levels.
 */
function jsonEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!jsonEqual(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(y)) return false;
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  let keys = 0;
  for (const k in a) {
    keys++;
    if (!(k in b) || !jsonEqual(a[k], b[k])) return false;
  }
  return keys === Object.keys(b).length;
}
