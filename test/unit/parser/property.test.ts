// Property tests: random and mutated Earthfiles never make the parser throw, every range lies in
// the document with start <= end, and the tokens rebuild the input exactly; completion at any cursor
// of them answers a list whose edits lie in the document, never an exception.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { INTERNAL_ERROR, parse, printLossless } from '../../../server/src/parser/parse';
import { toAstJson } from '../../../server/src/parser/astJson';
import { allRanges } from './helpers';
import { earthfileish, edits, goldens, mutate, piece } from './generators';
import { askEverywhere } from '../features/cursor';
import { createLanguageService } from '../../../server/src/service';
import { LineIndex } from '../../../server/src/text/lineIndex';

function invariants(text: string): void {
  const { tree, errors } = parse(text);
  // parse() catches its own bugs; an internal error means one was hit.
  for (const e of errors) assert.ok(!e.message.startsWith(INTERNAL_ERROR), e.message);
  assert.equal(printLossless(tree), text);
  let prev = 0;
  for (const t of tree.tokens) {
    assert.equal(t.start, prev, 'tokens are contiguous');
    assert.ok(t.end > t.start, 'tokens are not empty');
    prev = t.end;
  }
  assert.equal(prev, text.length);
  for (const r of [...allRanges(tree), ...errors.map((e) => e.range)]) {
    assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `range ${r.start}-${r.end} of ${text.length}`);
  }
  toAstJson(tree, { sourceMap: { file: 'Earthfile' } });
}

test('random token soup', () => {
  fc.assert(fc.property(earthfileish, invariants), { numRuns: 300 });
});

test('random unicode and binary strings', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), invariants), { numRuns: 300 });
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => invariants(Buffer.from(bytes).toString('latin1'))),
    { numRuns: 200 },
  );
});

test('mutated goldens', () => {
  fc.assert(
    fc.property(fc.nat({ max: goldens.length - 1 }), edits, (file, list) => invariants(mutate(goldens[file], list))),
    { numRuns: 400 },
  );
});

test('hover, signature help and navigation at every position of random and mutated Earthfiles', () => {
  fc.assert(fc.property(earthfileish, (text) => askEverywhere(text)), { numRuns: 150 });
  fc.assert(
    fc.property(fc.nat({ max: goldens.length - 1 }), fc.nat(), piece, (file, at, insert) => {
      const text = goldens[file];
      const cut = at % (text.length + 1);
      askEverywhere(text.slice(0, cut) + insert + text.slice(cut), Math.max(1, text.length >> 8));
    }),
    { numRuns: 100 },
  );
});
// ---------------------------------------------------------------------------------------------
// Completion at any cursor: in comments, strings, continuations, after EOF, on the CR of a CRLF.

const COMPLETION_URI = 'file:///ws/Earthfile';

/** Completion at each of `offsets` (and past the end) answers, with every edit inside the document. */
async function completesEverywhere(text: string, offsets: readonly number[], snippets = false): Promise<void> {
  const service = createLanguageService({ readFile: () => undefined, exists: () => false, listDirectory: () => [] });
  service.openDocument(COMPLETION_URI, 1, text);
  const lines = new LineIndex(text);
  const last = lines.positionAt(text.length);
  const positions = [...offsets.map((o) => lines.positionAt(o)), { line: last.line, character: last.character + 5 }, { line: last.line + 3, character: 0 }];
  for (const position of positions) {
    for (const triggerCharacter of [undefined, ' ']) {
      const list = await service.completion(COMPLETION_URI, position, { snippets, triggerCharacter });
      for (const item of list.items) {
        const edit = item.textEdit;
        if (edit && 'range' in edit) {
          assert.ok(lines.offsetAt(edit.range.start) <= lines.offsetAt(edit.range.end), 'edit range in order');
          assert.ok(edit.range.end.line <= last.line, 'edit inside the document');
        }
        service.resolveCompletion(item);
      }
    }
  }
}

const everyOffset = (text: string) => Array.from({ length: text.length + 1 }, (_, i) => i);

test('completion anywhere in random token soup', async () => {
  await fc.assert(fc.asyncProperty(earthfileish, fc.boolean(), (text, snippets) => completesEverywhere(text, everyOffset(text), snippets)), { numRuns: 150 });
});

test('completion anywhere in mutated goldens', async () => {
  const mutation = fc.record({
    file: fc.nat({ max: goldens.length - 1 }),
    at: fc.nat(),
    insert: fc.oneof(piece, fc.constantFrom('+', './', '$', '${', '--', '=', ' (', '/')),
    cursors: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
  });
  await fc.assert(
    fc.asyncProperty(mutation, ({ file, at, insert, cursors }) => {
      const golden = goldens[file];
      const p = at % (golden.length + 1);
      const text = golden.slice(0, p) + insert + golden.slice(p);
      return completesEverywhere(text, [p, p + insert.length, ...cursors.map((c) => c % (text.length + 1))]);
    }),
    { numRuns: 300 },
  );
});

test('completion on every offset of every golden, with CRLF line ends too', async () => {
  for (const golden of goldens) {
    await completesEverywhere(golden, everyOffset(golden));
    const crlf = golden.replace(/\r?\n/g, '\r\n');
    await completesEverywhere(crlf, everyOffset(crlf));
  }
});

test('completion in a 10,000-level nested file and on a 5 MB line', async () => {
  const depth = 10_000;
  const nested = 'VERSION 0.8\nt:\n' + '    IF true\n'.repeat(depth) + '    RUN $\n' + '    END\n'.repeat(depth);
  const inner = nested.indexOf('RUN $') + 5;
  await completesEverywhere(nested, [inner, inner - 1, nested.length - 1, nested.indexOf('t:') + 3]);
  const line = 'VERSION 0.8\nt:\n    RUN ' + 'echo "a b" $(x y) \\z $X --f '.repeat(180_000);
  assert.ok(line.length > 5_000_000);
  await completesEverywhere(line, [line.length, line.length - 3, 20, 1_000_000]);
});
