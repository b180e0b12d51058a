// Every rule of the diagnostics table has a case that triggers it and a valid twin that does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { RULES } from '../../../server/src/analysis/checks';
import type { DiagnosticData } from '../../../server/src/features/codeActions';
import { LineIndex } from '../../../server/src/text/lineIndex';
import { createLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/uri';
import { DEFAULT_SETTINGS } from '../../../shared/src/settings';
import type { RuleCase } from './cases/ruleCase';
import { ALL_CASES } from './cases';

const MAIN = '/w/Earthfile';
const MAIN_URI = pathToUri(MAIN);

/** The diagnostics of `text` as `/w/Earthfile`, in a workspace of the case's other files. */
function check(text: string, c: RuleCase): Diagnostic[] {
  const files: Record<string, string> = { ...c.files, [MAIN]: text };
  const dirs = new Set(Object.keys(files).flatMap((f) => f.split('/').slice(1, -1).map((_, i, parts) => '/' + parts.slice(0, i + 1).join('/'))));
  const service = createLanguageService(
    { readFile: (p) => files[p], exists: (p) => p in files || dirs.has(p) },
    { settings: { ...DEFAULT_SETTINGS, flavor: c.flavor ?? 'earthly' } },
  );
  service.openDocument(MAIN_URI, 1, text);
  return service.diagnostics(MAIN_URI);
}

/** `text` with the edits of a fix that apply to it (not those to other files). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  return edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
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
        const lines = new LineIndex(bad);
        const range = { start: lines.positionAt(start), end: lines.positionAt(start + withEol(c.range).length) };
        assert.deepEqual(first.range, range, `range of ${c.code}`);
      }
      const message = first.message as string;
      if (c.message) assert.ok(message.includes(c.message), `message "${message}" lacks "${c.message}"`);
      if (c.fix) {
        const fixes = (first.data as DiagnosticData | undefined)?.fixes;
        const fix = fixes?.find((f) => f.title === c.fix?.title);
        assert.ok(fix, `no fix "${c.fix.title}"; fixes: ${JSON.stringify(fixes?.map((f) => f.title))}`);
        if (c.fix.result !== undefined) assert.equal(applyEdits(bad, fix.edit.changes?.[MAIN_URI] ?? []), withEol(c.fix.result));
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
