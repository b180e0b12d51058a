// Golden tests of the formatter: every test/fixtures/format/<name>.before.earth formats to
// <name>.after.earth, which formats to itself, with the AST of the input. Each pair runs with `\n`
// and again with `\r\n` line endings (the output keeps the input's). Re-bless with UPDATE_GOLDENS=1.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../harness/paths';
import { assertSameAst, formatted } from './formatting';

const dir = join(REPO_ROOT, 'test', 'fixtures', 'format');
const update = process.env.UPDATE_GOLDENS === '1';
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.before.earth'))
  .map((f) => f.slice(0, -'.before.earth'.length))
  .sort();

test('there is an after for every before', () => {
  assert.ok(names.length >= 9, `only ${names.length} format fixtures`);
  for (const name of names) assert.ok(update || existsSync(join(dir, `${name}.after.earth`)), `${name}.after.earth is missing`);
});

for (const name of names) {
  const before = readFileSync(join(dir, `${name}.before.earth`), 'utf8');
  const afterPath = join(dir, `${name}.after.earth`);
  if (update) writeFileSync(afterPath, formatted(before));
  const after = readFileSync(afterPath, 'utf8');
  for (const [label, eol] of [['\\n', '\n'], ['\\r\\n', '\r\n']]) {
    test(`format ${name} (${label})`, () => {
      const input = before.replace(/\n/g, eol);
      const expected = after.replace(/\n/g, eol);
      assert.equal(formatted(input), expected);
      assert.equal(formatted(expected), expected, 'formatting the output changes nothing');
      assertSameAst(input, expected);
    });
  }
}
