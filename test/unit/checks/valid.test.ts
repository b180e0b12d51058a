// Valid Earthfiles (test/fixtures/valid) that together use every command, flag and block: the full
// diagnostics, every group included, report no error and no warning for them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { COMMANDS, flagSpelling } from '../../../server/src/language/commands';
import { diagnostics } from '../service/oneDocument';
import { REPO_ROOT } from '../../harness/paths';

const dir = join(REPO_ROOT, 'test', 'fixtures', 'valid');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.earth'))
  .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));

for (const eol of ['\n', '\r\n']) {
  for (const { name, text } of fixtures) {
    test(`${name} has no errors or warnings ${JSON.stringify(eol)}`, () => {
      const found = diagnostics(text.replace(/\r?\n/g, eol)).filter(
        (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
      );
      assert.deepEqual(found.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`), []);
    });
  }
}

test('the valid fixtures use every command and every flag that is not deprecated or obsolete', () => {
  // Continued lines joined, so a flag on a continuation line counts for its command.
  const all = fixtures.map((f) => f.text.replace(/\\[ \t]*\r?\n/g, ' ')).join('\n');
  const missing: string[] = [];
  for (const command of COMMANDS) {
    if (command.unsupported || command.rejected) continue;
    if (!new RegExp(`^\\s*${command.name}\\b`, 'm').test(all)) missing.push(command.name);
    for (const flag of command.flags) {
      if (flag.deprecated || flag.obsolete) continue;
      const line = new RegExp(`^\\s*${command.name}\\b.*\\s${flagSpelling(flag)}(?=[=\\s])`, 'm');
      if (!line.test(all)) missing.push(`${command.name} ${flagSpelling(flag)}`);
    }
  }
  assert.deepEqual(missing, []);
});
