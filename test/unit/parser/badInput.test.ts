// Bad input: the parser finishes, returns a tree whose tokens rebuild the input, and reports errors.
// (No timing thresholds here; see the bench script for speed.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTERNAL_ERROR, parse, printLossless } from '../../../server/src/parser/parse';
import { formatAstJson, toAstJson } from '../../../server/src/parser/astJson';
import { allRanges } from './helpers';

function check(text: string): ReturnType<typeof parse> {
  const result = parse(text);
  for (const e of result.errors) assert.ok(!e.message.startsWith(INTERNAL_ERROR), e.message);
  assert.ok(printLossless(result.tree) === text, 'the tokens rebuild the input');
  const n = text.length;
  for (const r of [...allRanges(result.tree), ...result.errors.map((e) => e.range)]) {
    if (!(r.start >= 0 && r.start <= r.end && r.end <= n)) assert.fail(`bad range ${r.start}-${r.end}`);
  }
  return result;
}

test('binary data', () => {
  let seed = 12345;
  const bytes = Buffer.alloc(200_000);
  for (let i = 0; i < bytes.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  const { errors } = check(bytes.toString('latin1'));
  assert.ok(errors.length > 0);
  check(bytes.toString('utf8'));
});

test('NUL bytes', () => {
  const { errors } = check('VERSION 0.8\n\0\0\0\nb:\n    RUN \0echo\0 "\0"\n\0:\n');
  assert.ok(errors.length > 0);
});

test('a 5 MB single line', () => {
  const line = 'RUN ' + `echo${'x'.repeat(980)} "a b" $(x y) \\z `.repeat(5_000);
  assert.ok(line.length > 5_000_000);
  const { tree } = check(line);
  assert.equal(tree.baseRecipe.length, 1);
  check('x'.repeat(5_000_000));
  check('"'.repeat(5_000_001));
  // Pathological nesting (1 MB each): unclosed shell-outs and quotes inside shell-outs.
  check('RUN ' + '$('.repeat(500_000));
  check('RUN "' + '$("'.repeat(300_000));
});

test('unbalanced quotes and $(', () => {
  assert.ok(check('b:\n    RUN echo "open\n    RUN x\n').errors.some((e) => e.code === 'unterminated'));
  assert.ok(check("b:\n    RUN echo 'open\n").errors.some((e) => e.code === 'unterminated'));
  // An unclosed $( is plain text to Earthly (no error), and the words split on spaces.
  const { tree, errors } = check('RUN echo $(a b\nRUN $(x $(y) $((z)\n');
  assert.deepEqual(errors, []);
  assert.equal(tree.baseRecipe.length, 2);
  check('RUN "$(echo \'a)"\' "b\n');
});

test('a file of only continuations', () => {
  check('\\\n'.repeat(20_000));
  check('RUN ' + '\\\n'.repeat(20_000));
  check('RUN a \\\n# c\n\n'.repeat(5_000) + '\\');
  check('\\');
});

test('10,000 nested blocks', () => {
  const depth = 10_000;
  const open = '    IF true\n'.repeat(depth);
  const close = '    END\n'.repeat(depth);
  const text = `VERSION 0.8\nb:\n${open}        RUN x\n${close}`;
  const { tree, errors } = check(text);
  assert.deepEqual(errors, []);
  // The JSON builder and printer are iterative too.
  const json = formatAstJson(toAstJson(tree), { indent: false });
  assert.ok(json.length > depth);
  assert.equal(JSON.parse(json).targets[0].recipe.length, 1);
  const unclosed = check(`b:\n${'    FOR x IN y\n'.repeat(depth)}`);
  assert.equal(unclosed.errors.length, depth);
  check('END\n'.repeat(depth) + 'ELSE\n'.repeat(depth));
});
