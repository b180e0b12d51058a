// The README documents every diagnostic rule and every setting the extension contributes, and shows
// the formatter as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../harness/paths';
import { RULES } from '../../../server/src/analysis/checks';
import { formatText } from '../../../server/src/features/format';

function repoFile(name: string): string {
  return readFileSync(join(REPO_ROOT, name), 'utf8');
}

test('every rule code is in the README rule table, with its severity', () => {
  const readme = repoFile('README.md');
  const missing = [...RULES].filter(([code, rule]) => !readme.includes(`| \`${code}\` | ${rule.severity} |`));
  assert.deepEqual(missing.map(([code]) => code), []);
});

test('every setting in package.json is in the README', () => {
  const readme = repoFile('README.md');
  const manifest = JSON.parse(repoFile('package.json'));
  const settings = Object.keys(manifest.contributes.configuration.properties);
  assert.deepEqual(settings.filter((s) => !readme.includes(`\`${s}\``)), []);
});

test('the quick start installs the same Debian packages as CI', () => {
  const ciPackages = /packages=\(([^)]*)\)/.exec(repoFile('.ci/run'))?.[1]?.trim().split(/\s+/);
  const quickStart = /apt-get install -y --no-install-recommends ([^&]*)&&/.exec(repoFile('README.md'))?.[1]?.trim().split(/\s+/);
  assert.ok(ciPackages && quickStart, 'the package lists of .ci/run and the README quick start');
  assert.deepEqual([...quickStart].sort(), [...ciPackages].sort());
});

test('the formatting example of the README is what the formatter makes of its "before"', () => {
  const section = repoFile('README.md').split('## Formatting')[1] ?? '';
  const blocks = [...section.matchAll(/```earthfile\n([^]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 2, 'the before and after blocks of the Formatting section');
  const outcome = formatText(blocks[0], '    ');
  assert.equal(outcome.kind === 'formatted' ? outcome.text : outcome.kind, blocks[1]);
});
