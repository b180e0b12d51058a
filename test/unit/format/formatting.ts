// Helpers of the formatter tests: the formatted text of a string, AST equality as `earthfile ast`
// prints it, and copies of an Earthfile with its layout scrambled.
import assert from 'node:assert/strict';
import { formatText } from '../../../server/src/features/format';
import { parse, toAstJson, type CommandNode, type Range, type Statement } from '../../../server/src/parser';

/** `text` formatted with `unit` (4 spaces by default); fails the test when the formatter refuses. */
export function formatted(text: string, unit = '    '): string {
  const outcome = formatText(text, unit);
  assert.equal(outcome.kind, 'formatted', outcome.kind === 'refused' ? outcome.reason : outcome.kind);
  return (outcome as { text: string }).text;
}

/** Fails unless both texts parse without errors to the same AST. */
export function assertSameAst(a: string, b: string): void {
  const x = parse(a);
  const y = parse(b);
  assert.deepEqual(x.errors.map((e) => e.message), [], 'the first text has no syntax errors');
  assert.deepEqual(y.errors.map((e) => e.message), [], 'the second text has no syntax errors');
  assert.deepStrictEqual(toAstJson(y.tree), toAstJson(x.tree));
}

/** Every command line of a tree, block lines included. */
function commandsOf(stmts: readonly Statement[], out: CommandNode[] = []): CommandNode[] {
  for (const s of stmts) {
    if (s.kind === 'command') out.push(s);
    else {
      for (const c of s.clauses) {
        out.push(c.command);
        commandsOf(c.body, out);
      }
      if (s.end) out.push(s.end);
    }
  }
  return out;
}

/** The spans whose whitespace is part of what Earthly reads: each word, and ARG/ENV/LET/SET values after `=`. */
function contentSpans(text: string): Range[] {
  const { tree } = parse(text);
  const commands = commandsOf([...(tree.version ? [tree.version] : []), ...tree.baseRecipe, ...tree.items.flatMap((i) => i.recipe)]);
  const spans: Range[] = [];
  for (const c of commands) {
    if (!c.execMode) spans.push(...c.rawArgs.map((a) => a.range));
    if (c.keyValue?.equals && c.keyValue.value) spans.push(c.keyValue.value.range);
  }
  return spans;
}

/**
 * A copy of `text` (an Earthfile without syntax errors) laid out differently, with the same meaning:
 * every indentation and every run of blanks between words replaced by 1 to 4 random spaces and
 * tabs, blanks added around `=` and at the ends of lines. Words, values, comments, blank lines and
 * line breaks stay; so does whether a line is indented at all, which Earthly reads.
 */
export function scrambled(text: string, seed: number): string {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const blanks = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => (random() < 0.7 ? ' ' : '\t')).join('');
  const spans = contentSpans(text);
  const inContent = (start: number, end: number) => spans.some((s) => start >= s.start && end <= s.end && s.end > s.start);
  const tokens = parse(text).tree.tokens;
  let out = '';
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const source = text.slice(t.start, t.end);
    if (t.kind === 'whitespace') {
      // The one space of a multi-word keyword (SAVE ARTIFACT) is part of it.
      const inKeyword = prev?.kind === 'keyword' && next?.kind === 'keyword';
      out += inKeyword || inContent(t.start, t.end) ? source : blanks();
      return;
    }
    if (t.kind === 'newline' && prev && ['word', 'value', 'comment', 'keyword', 'colon'].includes(prev.kind) && !inContent(t.start, t.end)) {
      if (random() < 0.3) out += blanks();
    }
    if (t.kind === 'equals' && prev?.end === t.start && random() < 0.5) out += blanks();
    out += source;
    if (t.kind === 'equals' && next?.start === t.end && (next.kind === 'value' || next.kind === 'word') && text[next.start] !== '#' && random() < 0.5) {
      out += blanks();
    }
  });
  return out;
}
