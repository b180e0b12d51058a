// The block (target, function or base recipe) that holds a line of an Earthfile, for "Run Target at Cursor".
import type { TargetSummary } from '../../../../shared/src/protocol';

export type EnclosingBlock =
  | { readonly kind: 'target'; readonly target: TargetSummary }
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'base' };

/**
 * Any column-0 `name:` line starts a block (the EarthBuild parser's rule, which covers Earthly's). The
 * server names the targets; a header it does not list is a function's. Only the header lines come from
 * the text, so a block runs from its header to the next one.
 */
const BLOCK_HEADER = /^([A-Za-z0-9_.-]+):[ \t]*(#.*)?$/;

export function enclosingBlock(lines: readonly string[], targets: readonly TargetSummary[], line: number): EnclosingBlock {
  const byLine = new Map(targets.map((target) => [target.line, target]));
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const target = byLine.get(i);
    if (target) return { kind: 'target', target };
    const header = BLOCK_HEADER.exec(lines[i]!);
    if (header) return { kind: 'function', name: header[1]! };
  }
  return { kind: 'base' };
}
