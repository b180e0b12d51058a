// Every Earthfile of the repository's fixtures (test/fixtures, the grammar tests): each without syntax
// errors formats, with its AST, to a text that formats to itself; each with errors is refused. With
// `\n` and with `\r\n` line endings, and with tabs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findEarthfiles } from '../../../server/src/cli/findEarthfiles';
import { formatText } from '../../../server/src/features/format';
import { parse } from '../../../server/src/parser';
import { REPO_ROOT } from '../../harness/paths';
import { assertSameAst, formatted } from './formatting';

const { files } = findEarthfiles([join(REPO_ROOT, 'test')]);

test('the fixtures are found', () => {
  assert.ok(files.length >= 120, `only ${files.length} Earthfiles under test/`);
});

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const variants: [string, string][] = [['\\n', text]];
  if (!text.includes('\r')) variants.push(['\\r\\n', text.replace(/\n/g, '\r\n')]);
  for (const [label, source] of variants) {
    test(`${relative(REPO_ROOT, file)} (${label})`, () => {
      if (parse(source).errors.length > 0) {
        assert.equal(formatText(source, '    ').kind, 'syntax-errors');
        return;
      }
      for (const unit of ['    ', '\t']) {
        const out = formatted(source, unit);
        assertSameAst(source, out);
        assert.equal(formatted(out, unit), out, 'formatting the output changes nothing');
      }
    });
  }
}
