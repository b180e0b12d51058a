// Property tests of the formatter over random and mutated Earthfiles (the parser's generators, and
// random Earthfiles without syntax errors): it never throws; what it formats keeps its AST and
// formats to itself; and a copy with its indentation and spacing scrambled formats to the same text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatText, formattingEdits, CONTINUATION_KEPT } from '../../../server/src/features/format';
import { parse, parseLossless, toAstJson } from '../../../server/src/parser';
import { hasContinuationKept } from '../../../server/src/text/continuations';
import { earthfileOf } from '../../bench/corpus';
import { earthfileish, edits, goldens, mutate, piece } from '../parser/generators';
import { assertSameAst, formatted, scrambled } from './formatting';
import { randomEarthfile } from './randomEarthfiles';

/**
 * Formats `text` with several units: never throws; refuses only texts with syntax errors, and texts with
 * a continuation Earthly would keep in a word (a lone `\r`, or a comment ending the file), or that would
 * have one once formatted (lone `\r` line breaks); keeps the AST; idempotent.
 */
function formatsSafely(text: string): void {
  const errors = parse(text).errors;
  for (const unit of ['    ', '\t', '  ']) {
    const outcome = formatText(text, unit);
    if (errors.length > 0) {
      assert.equal(outcome.kind, 'syntax-errors');
      continue;
    }
    if (hasContinuationKept(text)) assert.equal(outcome.kind, 'refused');
    if (outcome.kind === 'refused' && outcome.reason === CONTINUATION_KEPT && (hasContinuationKept(text) || /\r(?!\n)/.test(text))) continue;
    assert.equal(outcome.kind, 'formatted', outcome.kind === 'refused' ? `${outcome.reason}\n${JSON.stringify(text)}` : outcome.kind);
    const out = (outcome as { text: string }).text;
    assertSameAst(text, out);
    assert.equal(formatted(out, unit), out, `not idempotent: ${JSON.stringify(text)}`);
  }
}

/** A copy of `text` with its layout scrambled has the same AST and formats to the same text. */
function scrambleInvariant(text: string, seed: number): void {
  const copy = scrambled(text, seed);
  assertSameAst(text, copy);
  assert.equal(formatted(copy), formatted(text), `scrambled copy formats differently: ${JSON.stringify(copy)}`);
}

test('the parse that records tokens gives the tree and tokens of the lazy one', () => {
  fc.assert(
    fc.property(earthfileish, (text) => {
      const eager = parseLossless(text);
      const lazy = parse(text);
      assert.deepEqual(eager.tree.tokens, lazy.tree.tokens);
      assert.equal(eager.tree.tokenTable.count, lazy.tree.tokens.length);
      assert.deepStrictEqual(toAstJson(eager.tree), toAstJson(lazy.tree));
      assert.deepEqual(eager.errors, lazy.errors);
    }),
    { numRuns: 200 },
  );
});

test('random token soup: no throw, and what is formatted keeps its AST and is stable', () => {
  fc.assert(fc.property(earthfileish, formatsSafely), { numRuns: 300 });
});

test('mutated goldens: no throw, and what is formatted keeps its AST and is stable', () => {
  fc.assert(
    fc.property(fc.nat({ max: goldens.length - 1 }), edits, (file, list) => formatsSafely(mutate(goldens[file], list))),
    { numRuns: 400 },
  );
  // Single insertions leave most goldens without syntax errors, so these exercise the layout more.
  fc.assert(
    fc.property(fc.nat({ max: goldens.length - 1 }), fc.nat(), piece, (file, at, insert) => {
      const text = goldens[file];
      const cut = at % (text.length + 1);
      formatsSafely(text.slice(0, cut) + insert + text.slice(cut));
    }),
    { numRuns: 400 },
  );
});

test('random Earthfiles: formatted, with their AST, stable', () => {
  fc.assert(fc.property(randomEarthfile, formatsSafely), { numRuns: 300 });
});

test('random Earthfiles with their layout scrambled format to the same text', () => {
  fc.assert(fc.property(randomEarthfile, fc.integer(), (text, seed) => scrambleInvariant(text, seed)), { numRuns: 300 });
});

test('the parser goldens and the generated benchmark Earthfile with their layout scrambled format to the same text', () => {
  const valid = [...goldens, earthfileOf(400)].filter((text) => parse(text).errors.length === 0);
  assert.ok(valid.length >= 40, `only ${valid.length} valid texts`);
  fc.assert(fc.property(fc.nat({ max: valid.length - 1 }), fc.integer(), (file, seed) => scrambleInvariant(valid[file], seed)), { numRuns: 300 });
});

test('random selections of random Earthfiles: the edits keep the AST, and touch only the selected lines and those between', () => {
  fc.assert(
    fc.property(randomEarthfile, fc.nat(), fc.nat(), (text, a, b) => {
      const outcome = formatText(text, '    ');
      assert.equal(outcome.kind, 'formatted');
      const { pieces } = outcome as { pieces: Parameters<typeof formattingEdits>[1] };
      const from = Math.min(a, b) % (text.length + 1);
      const to = Math.min(text.length, from + (Math.max(a, b) % 200));
      const edits = formattingEdits(parse(text).tree, pieces, { start: from, end: to });
      let out = text;
      for (const e of [...edits].reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
      assertSameAst(text, out);
      const firstLine = text.lastIndexOf('\n', from - 1) + 1;
      for (const e of edits) {
        assert.ok(e.end >= firstLine || e.start === e.end, 'no edit before the line the selection starts on');
        assert.ok(e.start <= Math.max(to, from + 1), 'no edit after the selection');
      }
    }),
    { numRuns: 300 },
  );
});

test('a line of 5,000 words between short lines: every line spaced and indented', () => {
  const words = Array.from({ length: 5_000 }, (_, i) => `w${i}`);
  const long = `RUN   ${words.join('  ')}`;
  const short = '  ENV  A=b   c\n  RUN echo\n';
  const out = formatted(`build:\n${short}  ${long}\n${short}`);
  const shortOut = '    ENV A=b   c\n    RUN echo\n';
  assert.equal(out, `build:\n${shortOut}    RUN ${words.join(' ')}\n${shortOut}`);
});

test('a continuation that Earthly keeps in a word (a lone \\r, a comment ending the file) is refused; with \\n or \\r\\n, it formats', () => {
  const refused = ['FROM alpine:3.18\\\n\r', 'VERSION 0.8\\\n\\\r', 'VERSION 0.8\nt:\n    RUN a\\\n\r    b\n', 'VERSION 0.8\r\nt:\r\n    COPY src\\\r\r\n    ./\r\n'];
  for (const text of refused) {
    assert.ok(hasContinuationKept(text), JSON.stringify(text));
    const outcome = formatText(text, '    ');
    assert.equal(outcome.kind, 'refused', JSON.stringify(text));
    assert.equal((outcome as { reason: string }).reason, CONTINUATION_KEPT);
  }
  // A trailing `\\` in a file of lone `\\r` line breaks would get one after it.
  const out = formatText('\rVERSION 0.8\\', '    ');
  assert.equal(out.kind === 'refused' && out.reason, CONTINUATION_KEPT);
  // A comment that ends the file right after a word's `\\` stays in the word for Earthly.
  assert.ok(hasContinuationKept('VERSION 0.8\\#'));
  const comment = formatText('VERSION 0.8\\#', '    ');
  assert.equal(comment.kind === 'refused' && comment.reason, CONTINUATION_KEPT);
  const formats = ['FROM alpine:3.18 \\\n\n', 'VERSION 0.8\nt:\n    RUN a\\\r\n    b\n', 'VERSION 0.8\r\nt:\r    RUN a\\\n\n    b\r'];
  for (const text of formats) {
    assert.ok(!hasContinuationKept(text), JSON.stringify(text));
    formatsSafely(text);
  }
});
