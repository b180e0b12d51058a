// Targets and functions as a whole (reference §1, VAL; INT `handleDoFunction`): unique and
// non-reserved target names, and the keyword a function must start with. Header name syntax is the
// parser's concern.
import { FUNCTION_NAME, RESERVED_TARGET_NAME } from '../../../language/names';
import { lineEnd, newlineEnd } from '../../../text/characters';
import type { Recipe } from '../../model';
import type { CheckContext, RuleSpec } from '../check';
import { indentationAt, lineEnding } from '../textLayout';

export const RECIPE_RULES: Readonly<Record<string, RuleSpec>> = {
  'E-duplicate-target': { severity: 'error', summary: 'Two targets with the same name.' },
  'E-reserved-target': { severity: 'error', summary: 'A target named `base`, the implicit name of the base recipe.' },
  'E-function-start': { severity: 'error', summary: 'A function whose first line is not FUNCTION (COMMAND before VERSION 0.8 without `--use-function-keyword`).' },
};

export function checkRecipes(context: CheckContext): void {
  const { model } = context;
  const seen = new Map<string, Recipe>();
  for (const target of model.targets) {
    const node = target.node;
    if (!node) continue;
    const first = seen.get(target.name);
    if (first?.node) {
      context.report('E-duplicate-target', node.nameRange, `duplicate target "${target.name}": a target name may be defined once.`, {
        related: { range: first.node.nameRange, message: `"${target.name}" is first defined here` },
      });
    } else {
      seen.set(target.name, target);
    }
    if (target.name === RESERVED_TARGET_NAME) {
      context.report('E-reserved-target', node.nameRange, `invalid target "${RESERVED_TARGET_NAME}": ${RESERVED_TARGET_NAME} is a reserved target name (the base recipe's).`);
    }
  }
  for (const fn of model.functions) functionStart(context, fn);
}

/**
 * INT `handleDoFunction`: a function called with DO must start with the keyword of its VERSION,
 * FUNCTION under `--use-function-keyword` (0.8), COMMAND before. FUNCTION without the feature is
 * the feature checks' error.
 */
function functionStart(context: CheckContext, fn: Recipe): void {
  const node = fn.node;
  if (!node) return;
  const [first] = fn.statements;
  const keyword = context.model.features.has('use-function-keyword') ? 'FUNCTION' : 'COMMAND';
  const written = first?.kind === 'command' ? first.keyword : undefined;
  if (written?.text === keyword || written?.text === 'FUNCTION') return;
  if (written?.text === 'COMMAND') {
    context.report('E-function-start', written.range, `function recipes must start with FUNCTION: under --use-function-keyword (VERSION 0.8) DO +${fn.name} fails with COMMAND.`, {
      fixes: [{ title: 'Replace COMMAND with FUNCTION', edits: [{ range: written.range, newText: 'FUNCTION' }], preferred: true }],
    });
    return;
  }
  // A badly named header is the parser's error already.
  if (!FUNCTION_NAME.test(fn.name)) return;
  const text = context.model.tree.text;
  const eol = lineEnding(text);
  const headerEnd = lineEnd(text, node.headerRange.end);
  const at = newlineEnd(text, headerEnd);
  const indent = first ? indentationAt(text, first.range.start) : '    ';
  const insert = at > headerEnd ? `${indent}${keyword}${eol}` : `${eol}${indent}${keyword}`;
  context.report('E-function-start', node.nameRange, `${keyword.toLowerCase()} recipes must start with ${keyword}: DO +${fn.name} fails without it.`, {
    fixes: [{ title: `Insert ${keyword}`, edits: [{ range: { start: at, end: at }, newText: insert }], preferred: true }],
  });
}
