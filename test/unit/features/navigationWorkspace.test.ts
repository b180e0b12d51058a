// Definition, references, rename and the call hierarchy across the multi-folder fixture workspace
// (test/fixtures/navigation): an IMPORT chain (root → lib → tools/go), `../` references, an alias that
// shadows a folder name, a reference to a missing Earthfile. The files are read into memory (with `\n` and
// `\r\n`), so a rename is applied there and the diagnostics read again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Location, Position } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';
import { LineIndex } from '../../../server/src/text/lineIndex';
import { pathToUri, uriToPath } from '../../../server/src/uri';
import { REPO_ROOT } from '../../harness/paths';
import { memoryFs } from '../analysis/memoryFs';
import { EOLS } from './cursor';
import { applyEdit } from './navigation';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'navigation');
/** Where the fixture lies in the in-memory file system. */
const ROOT = path.resolve('/nav');

/** The fixture's Earthfiles by path under its root (`services/api/Earthfile`). */
function fixtureFiles(): Record<string, string> {
  const files = readdirSync(FIXTURE, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'Earthfile');
  assert.ok(files.length >= 5, `the Earthfiles of ${FIXTURE}`);
  return Object.fromEntries(files.map((f) => [f.split(path.sep).join('/'), readFileSync(path.join(FIXTURE, f), 'utf8')]));
}

function workspace(eol: string) {
  let texts = Object.fromEntries(Object.entries(fixtureFiles()).map(([f, t]) => [f, t.replace(/\r?\n/g, eol)]));
  const fs = memoryFs({});
  const load = () => {
    fs.files.clear();
    for (const [f, t] of Object.entries(texts)) fs.files.set(path.join(ROOT, f), t);
  };
  load();
  const service = createLanguageService(fs);
  service.setWorkspaceFolders([pathToUri(ROOT)]);
  const uri = (file: string) => pathToUri(path.join(ROOT, file));
  /** The position of `marker`'s `at`-th character in `file`. */
  const position = (file: string, marker: string, at = 0): Position => {
    const text = texts[file];
    const offset = text.indexOf(marker);
    assert.ok(offset >= 0, `${marker} is in ${file}`);
    return new LineIndex(text).positionAt(offset + at);
  };
  const open = (file: string) => service.openDocument(uri(file), 1, texts[file]);
  const where = (l: Location) => {
    const file = path.relative(ROOT, uriToPath(l.uri)!).split(path.sep).join('/');
    const text = texts[file];
    const lines = new LineIndex(text);
    return `${file}:${l.range.start.line + 1} ${text.slice(lines.offsetAt(l.range.start), lines.offsetAt(l.range.end))}`;
  };
  const codes = () => Object.fromEntries(Object.keys(texts).map((f) => [f, service.diagnostics(uri(f)).map((d) => d.code)]));
  return {
    service,
    uri,
    position,
    open,
    where,
    codes,
    get texts() {
      return texts;
    },
    /** Writes the edited files to the in-memory disk and tells the service, as the editor does after a rename. */
    apply(edited: Record<string, string>) {
      texts = { ...texts, ...edited };
      load();
      service.filesChanged(Object.keys(edited).map((f) => ({ uri: uri(f), deleted: false })));
    },
  };
}

const CLEAN = {
  Earthfile: ['E-missing-earthfile'],
  'lib/Earthfile': [],
  'services/api/Earthfile': [],
  'services/web/Earthfile': [],
  'tools/go/Earthfile': [],
};

for (const { label, eol } of EOLS) {
  test(`definition: an IMPORT chain, ../ references, an alias shadowing a folder, a missing file (${label})`, () => {
    const ws = workspace(eol);
    const definition = (file: string, marker: string, at: number) => {
      ws.open(file);
      return ws.service.definition(ws.uri(file), ws.position(file, marker, at)).map(ws.where);
    };
    assert.deepEqual(definition('Earthfile', 'lib+LINT', 5), ['lib/Earthfile:5 LINT']);
    assert.deepEqual(definition('lib/Earthfile', 'go+INSTALL', 4), ['tools/go/Earthfile:4 INSTALL']);
    assert.deepEqual(definition('services/web/Earthfile', 'FROM ../api+build', 13), ['services/api/Earthfile:5 build']);
    // `api+` is the IMPORT alias, whatever folder is called api.
    assert.deepEqual(definition('services/web/Earthfile', 'api+INSTALL', 5), ['tools/go/Earthfile:4 INSTALL']);
    assert.deepEqual(definition('services/web/Earthfile', 'api+INSTALL', 1), ['services/web/Earthfile:3 api']);
    assert.deepEqual(definition('services/web/Earthfile', '--GO_VERSION', 3), ['tools/go/Earthfile:6 GO_VERSION']);
    assert.deepEqual(definition('Earthfile', './missing+build', 11), []);
  });

  test(`references: files that are not open are read; the missing file names nothing (${label})`, () => {
    const ws = workspace(eol);
    ws.open('services/api/Earthfile');
    const at = ws.position('services/api/Earthfile', 'build:', 1);
    assert.deepEqual(ws.service.references(ws.uri('services/api/Earthfile'), at, true).map(ws.where).sort(), [
      'Earthfile:7 build',
      'services/api/Earthfile:5 build',
      'services/web/Earthfile:10 build',
      'services/web/Earthfile:8 build',
    ]);
    ws.open('lib/Earthfile');
    const strict = ws.position('lib/Earthfile', 'ARG STRICT', 5);
    assert.deepEqual(ws.service.references(ws.uri('lib/Earthfile'), strict, true).map(ws.where).sort(), ['Earthfile:15 STRICT', 'lib/Earthfile:7 STRICT', 'lib/Earthfile:9 STRICT']);
  });

  test(`rename of a target across folders, then the diagnostics are as before (${label})`, () => {
    const ws = workspace(eol);
    assert.deepEqual(ws.codes(), CLEAN);
    ws.open('Earthfile');
    const edit = ws.service.rename(ws.uri('Earthfile'), ws.position('Earthfile', './services/api+build', 18), 'compile');
    assert.ok(!('refused' in edit), JSON.stringify(edit));
    const edited = applyEdit(Object.fromEntries(Object.entries(ws.texts).map(([f, t]) => [path.join(ROOT, f), t])), edit, ROOT);
    assert.deepEqual(Object.keys(edited).sort(), ['Earthfile', 'services/api/Earthfile', 'services/web/Earthfile']);
    assert.ok(edited.Earthfile.includes('BUILD ./missing+build'), 'the reference to the missing file is left alone');
    assert.equal(edited['services/web/Earthfile'].match(/\.\.\/api\+compile/g)?.length, 2);
    ws.service.closeDocument(ws.uri('Earthfile'));
    ws.apply(edited);
    assert.deepEqual(ws.codes(), CLEAN);
  });

  test(`rename of an ARG from an override, and of an alias taken elsewhere, keep the diagnostics clean (${label})`, () => {
    const ws = workspace(eol);
    ws.open('services/web/Earthfile');
    const web = ws.uri('services/web/Earthfile');
    const byFile = (edit: ReturnType<typeof ws.service.rename>) => {
      assert.ok(!('refused' in edit), JSON.stringify(edit));
      return applyEdit(Object.fromEntries(Object.entries(ws.texts).map(([f, t]) => [path.join(ROOT, f), t])), edit, ROOT);
    };
    const version = byFile(ws.service.rename(web, ws.position('services/web/Earthfile', '--GO_VERSION', 4), 'GO_RELEASE'));
    assert.deepEqual(Object.keys(version).sort(), ['services/web/Earthfile', 'tools/go/Earthfile']);
    assert.ok(version['tools/go/Earthfile'].includes('golang-${GO_RELEASE}-go'), 'the use on a continued apt-get line');
    ws.service.closeDocument(web);
    ws.apply(version);
    assert.deepEqual(ws.codes(), CLEAN);
    ws.open('services/web/Earthfile');
    const alias = byFile(ws.service.rename(web, ws.position('services/web/Earthfile', 'api+INSTALL', 0), 'gotools'));
    assert.match(alias['services/web/Earthfile'], /IMPORT \.\.\/\.\.\/tools\/go AS gotools[\s\S]*DO gotools\+INSTALL[\s\S]*COPY \.\.\/api\+build\/api/);
    ws.service.closeDocument(web);
    ws.apply(alias);
    assert.deepEqual(ws.codes(), CLEAN);
  });

  test(`call hierarchy: who uses the Go tools, through which aliases (${label})`, () => {
    const ws = workspace(eol);
    ws.open('tools/go/Earthfile');
    const [item] = ws.service.prepareCallHierarchy(ws.uri('tools/go/Earthfile'), ws.position('tools/go/Earthfile', 'INSTALL:', 2)) ?? [];
    assert.equal(item?.name, 'INSTALL');
    const incoming = ws.service.incomingCalls(item).map((c) => `${c.from.name} (${c.from.detail}) ${c.fromRanges.length}`);
    assert.deepEqual(incoming.sort(), ['LINT (DO · lib/Earthfile) 1', 'docker (DO · services/web/Earthfile) 1']);
    const [lint] = ws.service.incomingCalls(item).filter((c) => c.from.name === 'LINT');
    assert.deepEqual(ws.service.incomingCalls(lint.from).map((c) => c.from.name).sort(), ['build', 'lint']);
  });
}
