// Shared helpers of the parser tests: fixture lookup and an iterative walk over every node.

import { join } from 'node:path';
import { REPO_ROOT } from '../../harness/paths';
import { LineIndex } from '../../../server/src/text/lineIndex';
import type { EarthfileNode, ParseError, Range, Statement } from '../../../server/src/parser/syntax';

export const fixturesDir = (): string => join(REPO_ROOT, 'test', 'fixtures', 'ast');

/** Every range in the tree (nodes, keywords, flags, args, docs), collected without recursion. */
export function allRanges(tree: EarthfileNode): Range[] {
  const out: Range[] = [tree.range];
  const stack: Statement[] = [];
  const pushAll = (stmts: readonly Statement[]): void => {
    for (let i = stmts.length - 1; i >= 0; i--) stack.push(stmts[i]);
  };
  if (tree.version) stack.push(tree.version);
  pushAll(tree.baseRecipe);
  for (const item of tree.items) {
    out.push(item.range, item.nameRange, item.headerRange);
    if (item.docs) out.push(item.docs.range);
    pushAll(item.recipe);
  }
  while (stack.length > 0) {
    const s = stack.pop() as Statement;
    out.push(s.range);
    if (s.kind === 'command') {
      out.push(s.keyword.range);
      if (s.docs) out.push(s.docs.range);
      for (const a of s.rawArgs) out.push(a.range);
      for (const a of s.args) out.push(a.range);
      for (const f of s.flags) {
        out.push(f.range, f.nameRange);
        if (f.valueRange) out.push(f.valueRange);
      }
      if (s.keyValue) {
        out.push(s.keyValue.key.range);
        if (s.keyValue.equals) out.push(s.keyValue.equals);
        if (s.keyValue.value) out.push(s.keyValue.value.range);
      }
    } else {
      if (s.end) stack.push(s.end);
      for (const c of s.clauses) {
        out.push(c.range);
        stack.push(c.command);
        pushAll(c.body);
      }
    }
  }
  for (const t of tree.tokens) out.push(t);
  return out;
}

/** Errors in a stable, readable form: code, message and 1-based line:column of both ends. */
export function describeErrors(text: string, errors: readonly ParseError[]): unknown[] {
  const lines = new LineIndex(text);
  const at = (o: number): string => {
    const p = lines.positionAt(o);
    return `${p.line + 1}:${p.character + 1}`;
  };
  return errors.map((e) => ({ code: e.code, message: e.message, start: at(e.range.start), end: at(e.range.end) }));
}

/** Replaces `\r\n` with `\n` in every string of a JSON value (iteratively). */
export function normalizeNewlines(value: unknown): unknown {
  const root = { v: value };
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const o = stack.pop() as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (typeof v === 'string') o[k] = v.replace(/\r\n/g, '\n');
      else if (v !== null && typeof v === 'object') stack.push(v);
    }
  }
  return root.v;
}
