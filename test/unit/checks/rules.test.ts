// Every rule of the diagnostics table has a case that triggers it and a valid twin that does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES, runChecks, type RatedFinding } from '../../../server/src/analysis/checks';
import { WorkspaceIndex } from '../../../server/src/analysis/workspaceIndex';
import { analyze } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/analysis/workspaceIndex';
import type { RuleCase } from './cases/ruleCase';
import { ALL_CASES } from './cases';

const MAIN = '/w/Earthfile';

function check(text: string, c: RuleCase): RatedFinding[] {
  const files: Record<string, string> = { ...c.files, [MAIN]: text };
  const dirs = new Set(Object.keys(files).flatMap((f) => f.split('/').slice(1, -1).map((_, i, parts) => '/' + parts.slice(0, i + 1).join('/'))));
  const workspace = new WorkspaceIndex(
    { readFile: (p) => files[p], exists: (p) => p in files || dirs.has(p) },
    analyze,
  );
  const model = workspace.setDocument(pathToUri(MAIN), 1, text);
  return runChecks(model, { flavor: c.flavor ?? 'earthly', path: MAIN, workspace });
}

function applyEdits(text: string, edits: readonly { range: { start: number; end: number }; newText: string; path?: string }[]): string {
  return [...edits]
    .filter((e) => !e.path)
    .sort((a, b) => b.range.start - a.range.start)
    .reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), text);
}

function nthIndex(text: string, part: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(part, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

for (const eol of ['\n', '\r\n']) {
  const withEol = (s: string) => s.replace(/\r?\n/g, eol);
  for (const c of ALL_CASES) {
    const label = `${c.code}${c.name ? ` (${c.name})` : ''} ${JSON.stringify(eol)}`;
    test(`${label}: triggers`, () => {
      const bad = withEol(c.bad);
      const found = check(bad, c).filter((f) => f.code === c.code);
      assert.ok(found.length > 0, `expected ${c.code} in:\n${c.bad}\ngot: ${JSON.stringify(check(bad, c).map((f) => [f.code, f.message]))}`);
      const [first] = found;
      if (c.range !== undefined) {
        const start = nthIndex(bad, withEol(c.range), c.nth);
        assert.ok(start >= 0, `range text ${JSON.stringify(c.range)} is not in the fixture`);
        assert.deepEqual(first.range, { start, end: start + withEol(c.range).length }, `range of ${c.code}`);
      }
      if (c.message) assert.ok(first.message.includes(c.message), `message "${first.message}" lacks "${c.message}"`);
      if (c.fix) {
        const fix = first.fixes?.find((f) => f.title === c.fix?.title);
        assert.ok(fix, `no fix "${c.fix.title}"; fixes: ${JSON.stringify(first.fixes?.map((f) => f.title))}`);
        if (c.fix.result !== undefined) assert.equal(applyEdits(bad, fix.edits), withEol(c.fix.result));
      }
    });
    test(`${label}: the valid twin does not trigger`, () => {
      const found = check(withEol(c.good), c).filter((f) => f.code === c.code);
      assert.deepEqual(found.map((f) => f.message), []);
    });
  }
}

test('every rule has a case', () => {
  const covered = new Set(ALL_CASES.map((c) => c.code));
  assert.deepEqual([...RULES.keys()].filter((code) => !covered.has(code)), []);
});
