import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeText } from '../../../server/src/analysis/analyze';
import type { FileModel } from '../../../server/src/analysis/model';
import { ParseCache } from '../../../server/src/analysis/parseCache';
import { WorkspaceIndex } from '../../../server/src/analysis/workspaceIndex';
import { pathToUri } from '../../../server/src/uri';
import { memoryFs } from './memoryFs';

/** `analyzeText` that remembers which texts it analysed. */
function countingAnalyze(): { analyze: (text: string) => FileModel; parsed: string[] } {
  const parsed: string[] = [];
  return {
    parsed,
    analyze: (text) => {
      parsed.push(text);
      return analyzeText(text);
    },
  };
}

const P = (p: string) => path.resolve(p);

/** Opens a document in `index` and returns its model. */
function open(index: WorkspaceIndex, uri: string, version: number, text: string): FileModel {
  index.openDocument(uri, version, text);
  return index.documentModel(uri) as FileModel;
}

for (const eol of ['\n', '\r\n']) {
  const label = eol === '\n' ? 'LF' : 'CRLF';
  const fx = (s: string) => s.replace(/\n/g, eol);

  const ROOT = fx(`VERSION 0.8
IMPORT ./lib AS l
all:
    BUILD ./svc+build --K=v
    BUILD ../outside+x
    COPY ./old+dist/app.js ./
    DO l+SETUP
    BUILD ./svc+nope
    BUILD github.com/o/r+t
`);
  const SVC = fx(`VERSION 0.8
build:
    FROM alpine
`);
  const OLD = fx(`VERSION 0.8
dist:
    SAVE ARTIFACT app.js
`);
  const LIB = fx(`VERSION 0.8
SETUP:
    FUNCTION
    RUN true
`);
  const OUTSIDE = fx(`VERSION 0.8
x:
    FROM alpine
`);

  const workspace = () =>
    memoryFs({
      '/ws/Earthfile': ROOT,
      '/ws/svc/Earthfile': SVC,
      '/ws/old/build.earth': OLD,
      '/ws/lib/Earthfile': LIB,
      '/outside/Earthfile': OUTSIDE,
    });

  test(`cross-file ./dir+t, ../x+t, build.earth fallback and IMPORT (${label})`, () => {
    const fs = workspace();
    const index = new WorkspaceIndex(fs, analyzeText);
    const model = open(index, pathToUri(P('/ws/Earthfile')), 1, ROOT);
    const resolve = (i: number) => index.resolveReference(P('/ws/Earthfile'), model.references[i]);

    const svc = resolve(0);
    assert.equal(svc?.file.path, P('/ws/svc/Earthfile'));
    assert.equal(svc?.definition?.name, 'build');
    assert.equal(resolve(1)?.definition?.name, 'x');
    assert.equal(resolve(1)?.file.path, P('/outside/Earthfile'));
    assert.equal(resolve(2)?.file.path, P('/ws/old/build.earth'));
    assert.equal(resolve(2)?.definition?.name, 'dist');
    assert.equal(resolve(3)?.file.path, P('/ws/lib/Earthfile'));
    assert.equal(resolve(3)?.definition?.kind, 'function');
    // The file exists but has no such target.
    assert.equal(resolve(4)?.file.path, P('/ws/svc/Earthfile'));
    assert.equal(resolve(4)?.definition, undefined);
    // Remote references are outside the workspace.
    assert.equal(resolve(5), undefined);

    assert.equal(index.importedFile(P('/ws/Earthfile'), model.imports[0])?.path, P('/ws/lib/Earthfile'));
    assert.equal(index.earthfileIn(P('/ws/none')), undefined);
  });

  test(`a change to one file re-parses only that file (${label})`, () => {
    const fs = workspace();
    const { analyze, parsed } = countingAnalyze();
    const index = new WorkspaceIndex(fs, analyze);
    const rootUri = pathToUri(P('/ws/Earthfile'));
    const model = open(index, rootUri, 1, ROOT);
    const resolveAll = () => model.references.map((r) => index.resolveReference(P('/ws/Earthfile'), r));
    resolveAll();
    assert.equal(parsed.length, 5); // root, svc, outside, old, lib: each once
    resolveAll();
    assert.equal(parsed.length, 5);

    // A save that does not change the text costs a read but no parse.
    index.fileChanged(P('/ws/svc/Earthfile'));
    resolveAll();
    assert.equal(parsed.length, 5);

    // A real change re-parses that file only.
    const SVC2 = SVC + fx('test:\n    FROM alpine\n');
    fs.files.set(P('/ws/svc/Earthfile'), SVC2);
    index.fileChanged(P('/ws/svc/Earthfile'));
    const after = resolveAll();
    assert.deepEqual(parsed.slice(5), [SVC2]);
    assert.equal(after[0]?.file.model.targetsByName.has('test'), true);

    // The open document is parsed once per version.
    open(index, rootUri, 1, ROOT);
    assert.equal(parsed.length, 6);
    open(index, rootUri, 2, ROOT + fx('# edit\n'));
    assert.equal(parsed.length, 7);
  });

  test(`an open document wins over the disk, and deletions are seen (${label})`, () => {
    const fs = workspace();
    const index = new WorkspaceIndex(fs, analyzeText);
    const rootPath = P('/ws/Earthfile');
    const model = open(index, pathToUri(rootPath), 1, ROOT);
    const svcUri = pathToUri(P('/ws/svc/Earthfile'));
    open(index, svcUri, 3, fx('VERSION 0.8\nnope:\n    FROM alpine\n'));
    assert.equal(index.resolveReference(rootPath, model.references[4])?.definition?.name, 'nope');
    assert.equal(index.resolveReference(rootPath, model.references[0])?.definition, undefined);

    index.closeDocument(svcUri);
    assert.equal(index.resolveReference(rootPath, model.references[0])?.definition?.name, 'build');

    fs.files.delete(P('/ws/svc/Earthfile'));
    index.fileDeleted(P('/ws/svc/Earthfile'));
    assert.equal(index.resolveReference(rootPath, model.references[0]), undefined);

    // A new Earthfile appears in a directory that had none.
    fs.files.set(P('/ws/svc/build.earth'), SVC);
    index.fileChanged(P('/ws/svc/build.earth'));
    assert.equal(index.resolveReference(rootPath, model.references[0])?.file.path, P('/ws/svc/build.earth'));
  });

  test(`home paths resolve only with a home directory (${label})`, () => {
    const fs = memoryFs({ '/home/me/tools/Earthfile': OUTSIDE });
    const text = fx('VERSION 0.8\nt:\n    BUILD ~/tools+x\n');
    const without = new WorkspaceIndex(fs, analyzeText);
    const m1 = open(without, pathToUri(P('/ws/Earthfile')), 1, text);
    assert.equal(without.resolveReference(P('/ws/Earthfile'), m1.references[0]), undefined);
    const withHome = new WorkspaceIndex(fs, analyzeText, { homeDir: P('/home/me') });
    const m2 = open(withHome, pathToUri(P('/ws/Earthfile')), 1, text);
    assert.equal(withHome.resolveReference(P('/ws/Earthfile'), m2.references[0])?.definition?.name, 'x');
  });
}

test('the parse cache parses once per version and forgets closed documents', () => {
  const { analyze, parsed } = countingAnalyze();
  const cache = new ParseCache(analyze);
  const a = cache.get('file:///a/Earthfile', 1, 'VERSION 0.8\n');
  assert.equal(cache.get('file:///a/Earthfile', 1, 'VERSION 0.8\n'), a);
  assert.equal(parsed.length, 1);
  const b = cache.get('file:///a/Earthfile', 2, 'VERSION 0.7\n');
  assert.notEqual(b, a);
  assert.equal(parsed.length, 2);
  cache.get('untitled:Untitled-1', 1, 'VERSION 0.8\n');
  assert.equal(cache.size, 2);
  cache.evict('file:///a/Earthfile');
  cache.get('file:///a/Earthfile', 2, 'VERSION 0.7\n');
  assert.equal(parsed.length, 4);
});
