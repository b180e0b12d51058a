// Incremental reanalysis: after random small edits of the bench corpora and of every fixture, the
// tree reparsed from the previous version's equals a whole parse (AST, every range, the errors), and
// so do the model built from the previous model and the diagnostics; the cases that must fall back to
// a whole parse do, with the same result.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { analyzeText } from '../../../server/src/analysis/analyze';
import type { FileModel, Recipe, Scope } from '../../../server/src/analysis/model';
import { parse, reparse, toAstJson, type ParseResult } from '../../../server/src/parser';
import { createLanguageService } from '../../../server/src/service';
import { REPO_ROOT } from '../../harness/paths';
import { earthfileOf } from '../../bench/corpus';
import { allRanges } from './helpers';

function earthfilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && (e.name === 'Earthfile' || e.name.endsWith('.earth')))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

const texts = [earthfileOf(300), earthfileOf(2000), ...earthfilesUnder(join(REPO_ROOT, 'test', 'fixtures'))];

const URI = 'file:///ws/Earthfile';
const host = { readFile: () => undefined, exists: () => false, listDirectory: () => [] };

/** What must not differ between an incremental and a whole parse: the AST, every range, the errors. */
function shape({ tree, errors }: ParseResult): unknown {
  return {
    ast: toAstJson(tree, { sourceMap: { file: 'Earthfile' } }),
    ranges: allRanges(tree).map((r) => [r.start, r.end]),
    errors: errors.map((e) => [e.code, e.message, e.range.start, e.range.end]),
  };
}

function diagnosticsOf(text: string): unknown {
  const service = createLanguageService(host);
  service.openDocument(URI, 1, text);
  return service.diagnostics(URI);
}

/** Asserts that `text`, reparsed from `previous`, parses and diagnoses as a whole parse of it does. */
function assertSameAsWhole(previous: ParseResult, text: string): ParseResult {
  const incremental = reparse(previous, text);
  assert.deepEqual(shape(incremental), shape(parse(text)));
  return incremental;
}

const piece = fc.constantFrom('\n', '\r\n', '\\', '\\\n', ':', '"', "'", '$(', ')', 'END', 'IF', '    ', '#', 'a:', 'RUN x', 'x', ' ', '=');
const edit = fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 5 }),
  insert: fc.oneof(piece, fc.string({ maxLength: 5 }), fc.constant('')),
});

function applied(text: string, e: { at: number; del: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(at + e.del);
}

test('random edits reparse as a whole parse does (AST, ranges, errors)', () => {
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (file, edits) => {
      let text = texts[file];
      let previous = parse(text);
      for (const e of edits) {
        text = applied(text, e);
        previous = assertSameAsWhole(previous, text);
      }
    }),
    { numRuns: 400 },
  );
});

const at = (r: { start: number; end: number } | undefined) => r && [r.start, r.end];

/** The model's contents with every range and every link by name, to compare models of the same text. */
function modelDigest(m: FileModel): unknown {
  const recipe = (r: Recipe) => [r.kind, r.name, at(r.range), at(r.extent), r.docs, r.statements.length];
  const scope = (s: Scope | undefined): unknown => s && [s.kind, at(s.range), recipe(s.recipe), s.block?.kind, scope(s.parent)];
  return {
    recipes: [m.base, ...m.recipes].map(recipe),
    byName: [...m.targetsByName.keys(), ...m.functionsByName.keys()],
    variables: m.variables.map((v) => [v.kind, v.name, at(v.nameRange), v.value, at(v.valueRange), at(v.command.range), scope(v.scope), v.global, v.required, at(v.visible)]),
    imports: m.imports.map((i) => [at(i.command.range), recipe(i.recipe), i.alias, at(i.aliasRange), i.global, at(i.visible), i.error]),
    references: m.references.map((r) => [
      r.role, at(r.command.range), recipe(r.recipe), at(r.range), JSON.stringify(r.ref), at(r.nameRange), at(r.earthfileRange),
      at(r.artifactRange), at(r.imageRange), JSON.stringify(r.overrides), r.error, r.import && at(r.import.command.range),
      r.definition && at(r.definition.range), r.conditional,
    ]),
  };
}

test('random edits give the model of a whole analysis', () => {
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (file, edits) => {
      let text = texts[file];
      let previous = analyzeText(text);
      for (const e of edits) {
        text = applied(text, e);
        previous = analyzeText(text, previous);
        assert.deepEqual(modelDigest(previous), modelDigest(analyzeText(text)));
      }
    }),
    { numRuns: 300 },
  );
});

test('random edits give the diagnostics of a whole parse', () => {
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (file, edits) => {
      const service = createLanguageService(host);
      let text = texts[file];
      let version = 1;
      service.openDocument(URI, version, text);
      service.diagnostics(URI);
      for (const e of edits) {
        text = applied(text, e);
        service.openDocument(URI, ++version, text);
        assert.deepEqual(service.diagnostics(URI), diagnosticsOf(text));
      }
    }),
    { numRuns: 60 },
  );
});

const FILE = ['VERSION 0.8', 'FROM alpine', '', '# builds a', 'a:', '    RUN echo a', '    IF true', '        RUN x', '    END', '', 'b:', '    RUN echo b', ''].join('\n');

/** Whether `text` reparsed from the tree of `before` reused the nodes of target `b` (edits before it only move it). */
function reusedB(before: string, text: string): boolean {
  const previous = parse(before);
  const b = previous.tree.items[1];
  const result = assertSameAsWhole(previous, text);
  return result.tree.items.includes(b);
}

function edited(text: string, find: string, replace: string): string {
  assert.ok(text.includes(find));
  return text.replace(find, replace);
}

test('an edit inside a body reparses that body only', () => {
  assert.equal(reusedB(FILE, edited(FILE, 'RUN echo a', 'RUN echo aa')), true);
  assert.equal(reusedB(FILE, edited(FILE, 'RUN x', 'RUN x\n        RUN y')), true);
});

test('edits on the first header, in the base recipe or over the next header fall back to a whole parse', () => {
  assert.equal(reusedB(FILE, edited(FILE, 'a:', 'ab:')), false, 'first header');
  assert.equal(reusedB(FILE, edited(FILE, 'FROM alpine', 'FROM alpine2')), false, 'base recipe');
  assert.equal(reusedB(FILE, edited(FILE, 'VERSION 0.8', 'VERSION 0.7')), false, 'VERSION');
  assert.equal(reusedB(FILE, edited(FILE, 'END\n\nb:', 'END \\\nb:')), false, 'a continuation runs over the next header');
});

test('edits on a later header or its doc comment are parsed from the body before it', () => {
  const three = FILE + 'c:\n    RUN c\n';
  const previous = parse(three);
  const [a, b, c] = previous.tree.items;
  const renamed = assertSameAsWhole(previous, edited(three, 'b:', 'bb:'));
  assert.deepEqual(renamed.tree.items.map((i) => i.name), ['a', 'bb', 'c']);
  assert.ok(renamed.tree.items[2] === c && renamed.tree.items[0] !== a && renamed.tree.items[1] !== b);
  const documented = assertSameAsWhole(parse(three), edited(three, 'END\n\nb:', 'END\n# b doc\nb:'));
  assert.equal(documented.tree.items[1].docs?.text, 'b doc\n');
});

test('quotes that open in one body and may close in the next', () => {
  const quoted = edited(FILE, 'RUN echo b', 'RUN echo "b"');
  assertSameAsWhole(parse(quoted), edited(quoted, 'RUN echo a', 'RUN echo "a'));
  assertSameAsWhole(parse(quoted), edited(quoted, 'RUN echo a', 'RUN echo $(a'));
  assertSameAsWhole(parse(FILE), edited(FILE, 'RUN echo a', 'RUN echo "a'));
});

test('an edit that splits a recipe in two gives both, as a whole parse does', () => {
  const split = edited(FILE, '    IF true', 'c:\n    IF true');
  const result = assertSameAsWhole(parse(FILE), split);
  assert.deepEqual(result.tree.items.map((i) => i.name), ['a', 'c', 'b']);
});

test('CRLF documents, and edits that join or split a CRLF', () => {
  const crlf = FILE.replace(/\n/g, '\r\n');
  assertSameAsWhole(parse(crlf), edited(crlf, 'RUN echo a', 'RUN echo ab'));
  assertSameAsWhole(parse(crlf), edited(crlf, 'RUN echo a\r', 'RUN echo a'));
  assertSameAsWhole(parse(crlf), edited(crlf, 'RUN echo a\r\n', 'RUN echo a\r\r\n'));
  const cr = FILE.replace(/\n/g, '\r');
  assertSameAsWhole(parse(cr), edited(cr, 'RUN echo a\r', 'RUN echo a\r\n'));
});

test('errors after the edit keep their line numbers right', () => {
  const open = FILE + 'c:\n    IF false\n        RUN y\n';
  assertSameAsWhole(parse(open), edited(open, 'RUN echo a', 'RUN echo a\n    RUN b'));
  assertSameAsWhole(parse(open), edited(open, 'RUN echo a', 'RUN echo a b'));
});

test('the language service reparses each version from the one before', () => {
  const service = createLanguageService(host);
  service.openDocument(URI, 1, FILE);
  service.diagnostics(URI);
  const text = edited(FILE, 'RUN echo b', 'RUN echo $UNDEFINED');
  service.openDocument(URI, 2, text);
  assert.deepEqual(service.diagnostics(URI), diagnosticsOf(text));
  assert.deepEqual(shape({ tree: analyzeText(text).tree, errors: [] }), shape({ tree: parse(text).tree, errors: [] }));
});

test('reparsed recipes do not keep the text of the version they were parsed from alive', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let text = earthfileOf(2000);
  let model = analyzeText(text);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 1; i < 300; i++) {
    const at = Math.floor((i / 300) * text.length);
    text = text.slice(0, at) + 'a' + text.slice(at);
    model = analyzeText(text, model);
  }
  gc();
  // Each of the ~100 recipes reparsed from another version would keep that version's text (60 kB).
  const grown = process.memoryUsage().heapUsed - before;
  assert.ok(grown < 2_000_000, `the heap grew by ${grown} bytes`);
  assert.ok(model.recipes.length > 0);
});
