// Moving parsed targets and functions by a number of characters, in place: reparse.ts keeps the nodes
// after an edit and moves them by the edit's change of length.

import type { CommandNode, FunctionNode, Range, Statement, TargetNode } from './syntax';
import { Word } from './word';

function move(range: Range, delta: number): void {
  const r = range as { start: number; end: number };
  r.start += delta;
  r.end += delta;
}

/** Moves a flag's range unless it is a word: words are moved once, through `rawArgs`. */
function moveUnlessWord(range: Range | undefined, delta: number): void {
  if (range !== undefined && !(range instanceof Word)) move(range, delta);
}

function moveCommand(c: CommandNode, delta: number): void {
  move(c.range, delta);
  move(c.keyword.range, delta);
  if (c.docs) move(c.docs.range, delta);
  // Every word of `args`, of the flags and of `keyValue` is one of `rawArgs`, except an `=` with no value after it.
  for (const a of c.rawArgs) move(a.range, delta);
  for (const f of c.flags) {
    moveUnlessWord(f.nameRange, delta);
    moveUnlessWord(f.valueRange, delta);
    moveUnlessWord(f.range, delta);
  }
  const kv = c.keyValue;
  if (kv?.equals && !kv.value) move(kv.equals, delta);
}

/** Moves `items` and every range in them by `delta`. The caller must own them: nothing else may read them after. */
export function shiftItems(items: readonly (TargetNode | FunctionNode)[], delta: number): void {
  const stack: Statement[] = [];
  for (const item of items) {
    move(item.range, delta);
    move(item.nameRange, delta);
    move(item.headerRange, delta);
    if (item.docs) move(item.docs.range, delta);
    for (const s of item.recipe) stack.push(s);
  }
  while (stack.length > 0) {
    const s = stack.pop() as Statement;
    if (s.kind === 'command') {
      moveCommand(s, delta);
      continue;
    }
    move(s.range, delta);
    if (s.end) moveCommand(s.end, delta);
    for (const c of s.clauses) {
      move(c.range, delta);
      moveCommand(c.command, delta);
      for (const b of c.body) stack.push(b);
    }
  }
}
