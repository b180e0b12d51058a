// Golden tests: every test/fixtures/ast/<name>.earth parses to <name>.json (the `earthly debug ast`
// shape, compared regardless of key order) and reports exactly the errors in <name>.errors.json
// (none when that file is absent). Each fixture runs with `\n` and again with `\r\n` line endings.
// Re-bless with UPDATE_GOLDENS=1.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, printLossless } from '../../../server/src/parser/parse';
import { formatAstJson, toAstJson } from '../../../server/src/parser/astJson';
import { describeErrors, fixturesDir, normalizeNewlines } from './helpers';

const dir = fixturesDir();
const update = process.env.UPDATE_GOLDENS === '1';
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.earth'))
  .map((f) => f.slice(0, -'.earth'.length))
  .sort();

test('there is a golden for every fixture', () => {
  assert.ok(names.length >= 40, `only ${names.length} fixtures`);
  for (const name of names) assert.ok(update || existsSync(join(dir, `${name}.json`)), `${name}.json is missing`);
});

for (const name of names) {
  const text = readFileSync(join(dir, `${name}.earth`), 'utf8');
  const jsonPath = join(dir, `${name}.json`);
  const errorsPath = join(dir, `${name}.errors.json`);
  const variants: [string, string][] = [['\\n', text]];
  if (!text.includes('\r')) variants.push(['\\r\\n', text.replace(/\n/g, '\r\n')]);

  for (const [label, source] of variants) {
    test(`golden ${name} (${label})`, () => {
      const { tree, errors } = parse(source);
      assert.equal(printLossless(tree), source);
      const ast = toAstJson(tree);
      const errs = describeErrors(source, errors);
      if (update && label === '\\n') {
        writeFileSync(jsonPath, formatAstJson(ast));
        if (errs.length > 0) writeFileSync(errorsPath, formatAstJson(errs));
        return;
      }
      const expected = JSON.parse(readFileSync(jsonPath, 'utf8'));
      assert.deepStrictEqual(normalizeNewlines(JSON.parse(JSON.stringify(ast))), expected);
      const expectedErrors = existsSync(errorsPath) ? JSON.parse(readFileSync(errorsPath, 'utf8')) : [];
      assert.deepStrictEqual(errs, expectedErrors);
    });
  }
}
