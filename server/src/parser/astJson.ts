// The syntax tree as the JSON that `earthly debug ast` prints (reference §3; Go types in earthly
// `ast/spec/earthfile.go`, listener in `ast/listener.go`).
//
// Shape: { version?: {args}, baseRecipe, targets?, functions? }; a statement has exactly one of
// `command {name, docs?, args, execMode?}`, `with {command, body}`,
// `if {expression, execMode?, ifBody, elseIf?, elseBody?}`, `for {args, body}`, `wait {args, body}`,
// `try {tryBody, catchBody?, finallyBody?}`. Quirks kept from Earthly: the WITH DOCKER line's command
// is named `DOCKER`, STOPSIGNAL is named `STOP SIGNAL`, arguments keep their quotes, an empty
// block (a Go nil slice) prints as `null`, and an empty ELSE, CATCH or FINALLY is left out (its
// grammar rule `ELSE (NL+ elseBlock)?` never sets the Go pointer).
//
// An empty target or function prints `"recipe": null` (earthly's `empty-targets` golden; a nil Go
// slice under a `json:"recipe"` tag in both implementations). Two forms differ where the two
// implementations print differently:
// - `earthbuild` (default): an argument-less command (and WAIT) omits `args`, as EarthBuild's goldens show;
// - `earthly`: `"args": []`, as earthly v0.8.16 prints it.
//
// Everything here is iterative, so 10,000 nested blocks print without deep recursion.

import { LineIndex } from '../text/lineIndex';
import type { BlockNode, CommandNode, EarthfileNode, Statement } from './syntax';

export interface AstJsonOptions {
  readonly form?: 'earthbuild' | 'earthly';
  /** Adds `sourceLocation` to every node (`earthly debug ast --source-map`). */
  readonly sourceMap?: { readonly file: string };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Job {
  readonly stmts: readonly Statement[];
  readonly out: Json[];
}

/** The tree as a JSON value in the shape of `earthly debug ast`. */
export function toAstJson(tree: EarthfileNode, options: AstJsonOptions = {}): JsonObject {
  const earthly = options.form === 'earthly';
  const lines = options.sourceMap ? new LineIndex(tree.text) : undefined;
  const file = options.sourceMap?.file ?? '';
  const jobs: Job[] = [];

  const loc = (start: number, lastStart: number): JsonObject | undefined => {
    if (!lines) return undefined;
    const s = lines.positionAt(start);
    const e = lines.positionAt(lastStart);
    return {
      ...(file && { file }),
      startLine: s.line + 1,
      startColumn: s.character,
      endLine: e.line + 1,
      endColumn: e.character,
    };
  };
  const withLoc = (obj: JsonObject, start: number, lastStart: number): JsonObject => {
    const l = loc(start, lastStart);
    if (l) obj.sourceLocation = l;
    return obj;
  };
  /** A block: `null` when empty (a nil Go slice), else an array filled by a later job. */
  const block = (stmts: readonly Statement[]): Json[] | null => {
    if (stmts.length === 0) return null;
    const out: Json[] = [];
    jobs.push({ stmts, out });
    return out;
  };
  const command = (c: CommandNode, name: string, withDocs: boolean): JsonObject => {
    const obj: JsonObject = { name };
    if (withDocs && c.docs && c.docs.text) obj.docs = c.docs.text;
    if (c.rawArgs.length > 0 || earthly) obj.args = c.rawArgs.map((a) => a.text);
    if (c.execMode) obj.execMode = true;
    return withLoc(obj, c.range.start, lastTokenStart(c));
  };

  const root: JsonObject = {};
  if (tree.version) {
    const v = tree.version;
    root.version = withLoc({ args: v.rawArgs.map((a) => a.text) }, v.range.start, lastTokenStart(v));
  }
  root.baseRecipe = block(tree.baseRecipe);
  const targets: Json[] = [];
  const functions: Json[] = [];
  for (const item of tree.items) {
    const obj: JsonObject = { name: item.name };
    if (item.kind === 'target' && item.docs && item.docs.text) obj.docs = item.docs.text;
    obj.recipe = block(item.recipe);
    const last = item.recipe.length > 0 ? item.recipe[item.recipe.length - 1] : undefined;
    withLoc(obj, item.headerRange.start, last ? statementLastStart(last) : item.headerRange.start);
    (item.kind === 'target' ? targets : functions).push(obj);
  }
  if (targets.length > 0) root.targets = targets;
  if (functions.length > 0) root.functions = functions;
  const l = loc(0, 0);
  if (l) root.sourceLocation = { ...(file && { file }), startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };

  while (jobs.length > 0) {
    const job = jobs.pop() as Job;
    for (const s of job.stmts) {
      const stmt: JsonObject = {};
      if (s.kind === 'command') {
        const name = s.keyword.text === 'STOPSIGNAL' ? 'STOP SIGNAL' : s.keyword.text;
        stmt.command = command(s, name, true);
      } else {
        const opener = s.clauses[0];
        const inner: JsonObject = {};
        if (s.kind === 'with') {
          inner.command = command(opener.command, 'DOCKER', false);
          inner.body = block(opener.body);
        } else if (s.kind === 'if') {
          inner.expression = opener.command.rawArgs.map((a) => a.text);
          if (opener.command.execMode) inner.execMode = true;
          inner.ifBody = block(opener.body);
          if (s.elseIfs.length > 0) {
            inner.elseIf = s.elseIfs.map((c) => {
              const e: JsonObject = { expression: c.command.rawArgs.map((a) => a.text) };
              if (c.command.execMode) e.execMode = true;
              e.body = block(c.body);
              const last = c.body.length > 0 ? c.body[c.body.length - 1] : undefined;
              return withLoc(e, c.range.start, last ? statementLastStart(last) : lastTokenStart(c.command));
            });
          }
          // `elseClause: ELSE (NL+ elseBlock)?`: an empty ELSE leaves the Go pointer nil (omitted).
          if (s.else && s.else.body.length > 0) inner.elseBody = block(s.else.body);
        } else if (s.kind === 'for') {
          inner.args = opener.command.rawArgs.map((a) => a.text);
          inner.body = block(opener.body);
        } else if (s.kind === 'wait') {
          if (opener.command.rawArgs.length > 0) inner.args = opener.command.rawArgs.map((a) => a.text);
          else if (earthly) inner.args = null;
          inner.body = block(opener.body);
        } else {
          inner.tryBody = block(opener.body);
          if (s.catch && s.catch.body.length > 0) inner.catchBody = block(s.catch.body);
          if (s.finally && s.finally.body.length > 0) inner.finallyBody = block(s.finally.body);
        }
        withLoc(inner, s.range.start, statementLastStart(s));
        stmt[s.kind] = inner;
      }
      withLoc(stmt, s.range.start, statementLastStart(s));
      job.out.push(stmt);
    }
  }
  return root;
}

/** Start of the last token of a command line (ANTLR's `GetStop()`, which the source map reports). */
function lastTokenStart(c: CommandNode): number {
  // An empty value (`ARG X=`) has no token: the `=` before it is the last one.
  for (let i = c.rawArgs.length - 1; i >= 0; i--) {
    const range = c.rawArgs[i].range;
    if (range.end > range.start) return range.start;
  }
  return c.keyword.range.start;
}

function statementLastStart(s: Statement): number {
  // Walks down the last statements without recursion.
  let cur: Statement = s;
  for (;;) {
    if (cur.kind === 'command') return lastTokenStart(cur);
    const b: BlockNode = cur;
    if (b.end) return b.end.keyword.range.start;
    const clause = b.clauses[b.clauses.length - 1];
    const last = clause.body.length > 0 ? clause.body[clause.body.length - 1] : undefined;
    if (!last) return lastTokenStart(clause.command);
    cur = last;
  }
}

/**
 * JSON with sorted keys: pretty with two-space indentation (what `jq -S .` prints), or compact with
 * `indent: false` (deeply nested trees are too wide to indent). Iterative.
 */
export function formatAstJson(value: unknown, options: { readonly indent?: boolean } = {}): string {
  const pretty = options.indent !== false;
  const parts: string[] = [];
  interface Frame {
    readonly entries: [string | undefined, unknown][];
    i: number;
    readonly close: string;
    readonly indent: string;
  }
  const stack: Frame[] = [];
  const open = (v: unknown, indent: string): void => {
    if (Array.isArray(v)) {
      if (v.length === 0) {
        parts.push('[]');
        return;
      }
      parts.push('[');
      stack.push({ entries: v.map((x) => [undefined, x]), i: 0, close: ']', indent });
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v as object)
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .sort();
      if (keys.length === 0) {
        parts.push('{}');
        return;
      }
      parts.push('{');
      stack.push({ entries: keys.map((k) => [k, (v as Record<string, unknown>)[k]]), i: 0, close: '}', indent });
    } else {
      parts.push(v === undefined ? 'null' : JSON.stringify(v));
    }
  };
  open(value, '');
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    if (f.i >= f.entries.length) {
      if (pretty) parts.push('\n', f.indent);
      parts.push(f.close);
      stack.pop();
      continue;
    }
    const [key, v] = f.entries[f.i];
    if (pretty) parts.push(f.i === 0 ? '\n' : ',\n', f.indent, '  ');
    else if (f.i > 0) parts.push(',');
    f.i++;
    if (key !== undefined) parts.push(JSON.stringify(key), pretty ? ': ' : ':');
    open(v, pretty ? `${f.indent}  ` : '');
  }
  if (pretty) parts.push('\n');
  return parts.join('');
}
