// Selection ranges (expand selection): the word at the cursor, the part of a reference it is in, the
// flag or argument, the command line, each enclosing clause and block, the target or function.
import type { SelectionRange } from 'vscode-languageserver-types';
import { recipeAt } from '../analysis/lookup';
import type { FileModel } from '../analysis/model';
import type { ArgNode, CommandNode, Range, Statement } from '../parser';
import type { LineIndex, Position } from '../text/lineIndex';
import { lastAtOrBelow } from '../text/sortedSearch';

/**
 * The most ranges one answer holds, innermost first: each is a level of nested JSON in the response,
 * and a file of thousands of nested blocks must not make one too deep to send.
 */
const MAX_DEPTH = 100;

/** The ranges around `offset`, innermost first; each holds the one before. */
export function selectionRangesAt(model: FileModel, offset: number): Range[] {
  const recipe = recipeAt(model, offset);
  const chain: Range[] = [recipe.extent];
  if (recipe.node) chain.push(recipe.range, recipe.node.headerRange, recipe.node.nameRange);
  // Down the blocks: each clause and its statements, then the command line at the cursor.
  let list: readonly Statement[] = recipe.statements;
  let command: CommandNode | undefined = recipe.kind === 'base' ? model.tree.version : undefined;
  for (;;) {
    const i = lastAtOrBelow(list.length, (k) => list[k].range.start, offset);
    const statement = i < 0 ? undefined : list[i];
    if (!statement || offset > statement.range.end) break;
    if (statement.kind === 'command') {
      command = statement;
      break;
    }
    chain.push(statement.range);
    if (statement.end && statement.end.range.start <= offset) {
      command = statement.end;
      break;
    }
    const clauses = statement.clauses;
    const clause = clauses[Math.max(0, lastAtOrBelow(clauses.length, (k) => clauses[k].range.start, offset))];
    chain.push(clause.range);
    if (offset <= clause.command.range.end) {
      command = clause.command;
      break;
    }
    list = clause.body;
  }
  if (command) chain.push(command.range, ...partsAt(model, command, offset));
  const word = wordAt(model.tree.text, offset);
  if (word) chain.push(word);
  // Innermost first, each range only once and only when it holds the cursor and the range before it.
  const out: Range[] = [];
  for (let k = chain.length - 1; k >= 0; k--) {
    const r = chain[k];
    if (r.start > offset || r.end < offset) continue;
    const inner = out[out.length - 1];
    if (inner && (r.start > inner.start || r.end < inner.end || (r.start === inner.start && r.end === inner.end))) continue;
    out.push({ start: r.start, end: r.end });
  }
  return out.slice(0, MAX_DEPTH);
}

/** The LSP answer for each position: the chain as nested `parent` links, or an empty range at the position. */
export function selectionRanges(model: FileModel, lines: LineIndex, positions: readonly Position[]): SelectionRange[] {
  return positions.map((position) => {
    const offset = lines.offsetAt(position);
    let answer: SelectionRange | undefined;
    const chain = selectionRangesAt(model, offset);
    for (let k = chain.length - 1; k >= 0; k--) {
      answer = { range: { start: lines.positionAt(chain[k].start), end: lines.positionAt(chain[k].end) }, ...(answer && { parent: answer }) };
    }
    return answer ?? { range: { start: lines.positionAt(offset), end: lines.positionAt(offset) } };
  });
}

/** The flag or argument of `command` at `offset`, outermost first, with the part of a reference or flag within. */
function partsAt(model: FileModel, command: CommandNode, offset: number): Range[] {
  const within = (r: Range | undefined): r is Range => r !== undefined && r.start <= offset && offset <= r.end;
  const parts: Range[] = [];
  for (const flag of command.flags) {
    if (!within(flag.range)) continue;
    parts.push(flag.range);
    if (within(flag.nameRange)) parts.push(flag.nameRange);
    else if (within(flag.valueRange)) parts.push(flag.valueRange);
  }
  const kv = command.keyValue;
  const args: readonly ArgNode[] = kv ? [kv.key, ...(kv.value ? [kv.value] : [])] : command.args;
  for (const arg of args) if (within(arg.range)) parts.push(arg.range);
  // The overrides of BUILD, FROM and DO are words of their own, after the reference's.
  for (const site of model.references) {
    if (site.command !== command) continue;
    for (const part of [site.earthfileRange, site.nameRange, site.artifactRange, site.imageRange]) if (within(part)) parts.push(part);
    for (const o of site.overrides) {
      const whole = o.valueRange ? { start: o.keyRange.start, end: o.valueRange.end } : o.keyRange;
      if (!within(whole)) continue;
      parts.push(whole);
      if (within(o.keyRange)) parts.push(o.keyRange);
      else if (within(o.valueRange)) parts.push(o.valueRange);
    }
  }
  return parts;
}

/** Characters of a word: names of targets, functions, variables and path segments. */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d || c === 0x2e;
}

function wordAt(text: string, offset: number): Range | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
  // The dashes of a flag or an override are not part of its name.
  while (start < offset && text.charCodeAt(start) === 0x2d) start++;
  return end > start ? { start, end } : undefined;
}
