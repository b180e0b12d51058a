// Formatting through the language service, as Format Document and Format Selection ask for it: the
// edits (applied, they give the formatted text; unchanged lines get none), ranges (whole statements
// the selection touches, nothing else), the indentation setting, and the cases that answer nothing.
// Every fixture runs with `\n` and `\r\n`; a selection is marked ⟦ … ⟧ and a cursor ⟦⟧.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FormattingOptions, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';
import { indentUnit } from '../../../server/src/features/format';
import { LineIndex } from '../../../server/src/text/lineIndex';
import { DEFAULT_SETTINGS, type FormatIndent } from '../../../shared/src/settings';
import { EOLS } from '../features/cursor';
import { formatted } from './formatting';

const URI = 'file:///ws/Earthfile';
const SPACES: FormattingOptions = { tabSize: 4, insertSpaces: true };

interface Fixture {
  /** The document; ⟦ and ⟧ mark the selection to format, when there is one. */
  readonly text: string;
  readonly eol: string;
  readonly indent?: FormatIndent;
  readonly options?: FormattingOptions;
}

/** The fixture's document and the edits the service answers. */
function formatEdits(fixture: Fixture): { text: string; edits: TextEdit[] } {
  const marked = fixture.text.replace(/\n/g, fixture.eol);
  const start = marked.indexOf('⟦');
  const text = marked.replace(/[⟦⟧]/g, '');
  const service = createLanguageService({ readFile: () => undefined, exists: () => false }, { settings: { ...DEFAULT_SETTINGS, format: { indent: fixture.indent ?? 4 } } });
  service.openDocument(URI, 1, text);
  const lines = new LineIndex(text);
  const range = start < 0 ? undefined : { start: lines.positionAt(start), end: lines.positionAt(marked.indexOf('⟧') - 1) };
  return { text, edits: service.format(URI, fixture.options ?? SPACES, range) };
}

/** `text` with `edits` applied (they do not overlap). */
function applied(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  let limit = text.length;
  for (const s of spans) {
    assert.ok(s.start <= s.end && s.end <= limit, 'edits are in order and do not overlap');
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    limit = s.start;
  }
  return out;
}

/** The document after formatting the fixture as the service answers it. */
function result(fixture: Fixture): string {
  const { text, edits } = formatEdits(fixture);
  return applied(text, edits);
}

const MESSY = ['VERSION 0.8', 'build:', '  FROM alpine', '      RUN  echo \\', '   hi', '  IF true', 'RUN x', '   END', ''].join('\n');

for (const { label, eol } of EOLS) {
  const nl = (s: string) => s.replace(/\n/g, eol);

  test(`Format Document: the edits give the formatted text, line endings kept (${label})`, () => {
    assert.equal(result({ text: MESSY, eol }), formatted(nl(MESSY)));
    assert.ok(formatted(nl(MESSY)).includes(nl('build:\n    FROM alpine\n    RUN echo \\\n        hi\n    IF true\n        RUN x\n    END\n')));
  });

  test(`Format Document: lines already formatted get no edit (${label})`, () => {
    const { edits } = formatEdits({ text: 'VERSION 0.8\n\nbuild:\n    FROM alpine\n      RUN echo hi\n    SAVE ARTIFACT out\n', eol });
    assert.equal(edits.length, 1);
    assert.deepEqual(edits[0].range, { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } });
    assert.equal(edits[0].newText, nl('    RUN echo hi\n'));
    assert.deepEqual(formatEdits({ text: formatted(MESSY), eol }).edits, []);
  });

  test(`Format Selection: only the statements the selection touches, whole (${label})`, () => {
    const text = 'VERSION 0.8\nbuild:\n  FROM alpine\n  RUN  ⟦echo \\\n  hi\n  COPY  ⟧a  b\n  RUN  last\n';
    assert.equal(result({ text, eol }), nl('VERSION 0.8\nbuild:\n  FROM alpine\n    RUN echo \\\n        hi\n    COPY a b\n  RUN  last\n'));
  });

  test(`Format Selection: a cursor formats its line; a selection ending at column 0 stops before that line (${label})`, () => {
    assert.equal(result({ text: 'VERSION 0.8\nbuild:\n  FROM   alpine\n  RUN  x⟦⟧  y\n  RUN  z\n', eol }), nl('VERSION 0.8\nbuild:\n  FROM   alpine\n    RUN x y\n  RUN  z\n'));
    assert.equal(result({ text: 'VERSION 0.8\nbuild:\n⟦  FROM   alpine\n⟧  RUN  z\n', eol }), nl('VERSION 0.8\nbuild:\n    FROM alpine\n  RUN  z\n'));
  });

  test(`Format Selection: blank lines between selected statements collapse, those around them stay (${label})`, () => {
    const text = 'VERSION 0.8\nbuild:\n  FROM alpine\n\n\n  ⟦RUN a\n\n\n\n  RUN b⟧\n\n\n  RUN c\n';
    assert.equal(result({ text, eol }), nl('VERSION 0.8\nbuild:\n  FROM alpine\n\n\n    RUN a\n\n    RUN b\n\n\n  RUN c\n'));
  });

  test(`Format Selection: a block opener alone is re-indented, its body is not (${label})`, () => {
    assert.equal(result({ text: 'VERSION 0.8\nbuild:\n ⟦ IF⟧  true\n  RUN x\n  END\n', eol }), nl('VERSION 0.8\nbuild:\n    IF true\n  RUN x\n  END\n'));
  });

  test(`Format Selection: no edits when formatting the selection alone would change a doc comment (${label})`, () => {
    // Indenting END alone would make the indented comment stop documenting \`b\`; the whole file moves it to column 0.
    const text = 'VERSION 0.8\na:\n    IF x\n⟦END⟧\n    # documents b\nb:\n    RUN y\n';
    assert.deepEqual(formatEdits({ text, eol }).edits, []);
    assert.equal(result({ text: text.replace(/[⟦⟧]/g, ''), eol }), nl('VERSION 0.8\n\na:\n    IF x\n    END\n\n# documents b\nb:\n    RUN y\n'));
  });

  test(`earthly.format.indent: tab, a number of spaces, or the editor's options (${label})`, () => {
    const text = 'VERSION 0.8\nbuild:\n RUN a \\\n b\n';
    assert.equal(result({ text, eol, indent: 'tab' }), nl('VERSION 0.8\n\nbuild:\n\tRUN a \\\n\t\tb\n'));
    assert.equal(result({ text, eol, indent: 2 }), nl('VERSION 0.8\n\nbuild:\n  RUN a \\\n    b\n'));
    assert.equal(result({ text, eol, indent: 'editor', options: { tabSize: 3, insertSpaces: true } }), nl('VERSION 0.8\n\nbuild:\n   RUN a \\\n      b\n'));
    assert.equal(result({ text, eol, indent: 'editor', options: { tabSize: 8, insertSpaces: false } }), nl('VERSION 0.8\n\nbuild:\n\tRUN a \\\n\t\tb\n'));
    // The editor's options count only with `editor`.
    assert.equal(result({ text, eol, indent: 4, options: { tabSize: 2, insertSpaces: false } }), nl('VERSION 0.8\n\nbuild:\n    RUN a \\\n        b\n'));
  });

  test(`no edits for a document with syntax errors, or one that is not open (${label})`, () => {
    assert.deepEqual(formatEdits({ text: 'VERSION 0.8\nbuild:\n  IF true\n    RUN  x\n', eol }).edits, []);
    assert.deepEqual(formatEdits({ text: 'VERSION 0.8\nbuild:\n  RUN  x\n  ⟦SAVE  ARTIFACT⟧ x\n', eol }).edits, []);
    const service = createLanguageService({ readFile: () => 'VERSION 0.8\nbuild:\n  RUN  x\n', exists: () => true });
    assert.deepEqual(service.format(URI, SPACES), []);
  });
}

test('the indentation unit: settings and editor options, with 4 spaces for options out of range', () => {
  assert.equal(indentUnit(4), '    ');
  assert.equal(indentUnit(1), ' ');
  assert.equal(indentUnit('tab'), '\t');
  assert.equal(indentUnit('editor'), '    ');
  assert.equal(indentUnit('editor', { tabSize: 2, insertSpaces: true }), '  ');
  assert.equal(indentUnit('editor', { tabSize: 0, insertSpaces: true }), '    ');
  assert.equal(indentUnit('editor', { tabSize: 2.5, insertSpaces: true }), '    ');
  assert.equal(indentUnit('editor', { tabSize: 99, insertSpaces: true }), '    ');
  assert.equal(indentUnit('editor', { tabSize: 4, insertSpaces: false }), '\t');
});
