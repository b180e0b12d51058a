// SplicedText, which the layout writes its lines with: whatever mix of source spans and strings is
// appended, the text taken is their concatenation, whether or not they continue the source.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SplicedText } from '../../../server/src/features/format/splicedText';

const SOURCE = 'RUN  echo hi\n    # c\nEND\n';

test('spans that follow each other and strings the source continues with make the source', () => {
  const out = new SplicedText(SOURCE);
  out.copy(0, 3);
  out.put(' ');
  out.copy(4, 8);
  out.copy(8, 13);
  out.replace(13, 17, '    ');
  out.put('# c');
  out.put('\n');
  assert.equal(out.take(), SOURCE.slice(0, 21));
});

test('strings the source does not hold are written as they are, and spans after them from where they start', () => {
  const out = new SplicedText(SOURCE);
  out.replace(0, 0, '  ');
  out.copy(0, 3);
  out.put(' ');
  out.put('x');
  out.copy(5, 12);
  out.put('\r\n');
  assert.equal(out.take(), '  RUN xecho hi\r\n');
});

test('replace writes its string, from the source when it is the text there', () => {
  const out = new SplicedText(SOURCE);
  out.replace(13, 17, '  ');
  out.replace(17, 20, '# c');
  out.replace(0, 3, 'CMD');
  assert.equal(out.take(), '  # cCMD');
});

test('take starts a new text', () => {
  const out = new SplicedText(SOURCE);
  out.copy(0, 3);
  out.put('!');
  assert.equal(out.take(), 'RUN!');
  assert.equal(out.take(), '');
  out.copy(3, 5);
  out.put('echo');
  assert.equal(out.take(), '  echo');
});

test('any mix of spans, strings and replacements is their concatenation', () => {
  const source = 'ab a\n  b\r\n#';
  const op = fc.oneof(
    fc.tuple(fc.constant('copy'), fc.nat({ max: source.length }), fc.nat({ max: source.length })),
    fc.tuple(fc.constant('put'), fc.constantFrom('', ' ', 'a', 'b a', '\n', '  ', 'x', '#')),
    fc.tuple(fc.constant('replace'), fc.nat({ max: source.length }), fc.nat({ max: source.length }), fc.constantFrom('', ' ', 'a', '\n  b', 'y')),
    fc.constant(['take'] as const),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 20 }), (ops) => {
      const out = new SplicedText(source);
      let expected = '';
      for (const o of ops) {
        if (o[0] === 'copy') {
          const [start, end] = [Math.min(o[1], o[2]), Math.max(o[1], o[2])];
          out.copy(start, end);
          expected += source.slice(start, end);
        } else if (o[0] === 'put') {
          out.put(o[1]);
          expected += o[1];
        } else if (o[0] === 'replace') {
          const [start, end] = [Math.min(o[1], o[2]), Math.max(o[1], o[2])];
          out.replace(start, end, o[3]);
          expected += o[3];
        } else {
          assert.equal(out.take(), expected);
          expected = '';
        }
      }
      assert.equal(out.take(), expected);
    }),
    { numRuns: 2000 },
  );
});
