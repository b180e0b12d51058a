// The language service facade: open documents over files in memory, file events, settings, code
// actions and the targets listing with its cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { createLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/uri';
import { DEFAULT_SETTINGS } from '../../../shared/src/settings';
import { memoryFs } from '../analysis/memoryFs';

const ROOT = path.resolve('/ws/Earthfile');
const LIB = path.resolve('/ws/lib/Earthfile');
const ROOT_URI = pathToUri(ROOT);
const LIB_URI = pathToUri(LIB);
const codes = (diagnostics: readonly { code?: unknown }[]) => diagnostics.map((d) => d.code);

function workspace() {
  const fs = memoryFs({ [ROOT]: 'VERSION 0.8\nall:\n    BUILD ./lib+build\n', [LIB]: 'VERSION 0.8\nbuild:\n    FROM alpine\n' });
  return { fs, service: createLanguageService(fs) };
}

test('a file that is not open is read from disk, and an open document wins over it', () => {
  const { service } = workspace();
  assert.deepEqual(service.diagnostics(ROOT_URI), []);
  service.openDocument(LIB_URI, 1, 'VERSION 0.8\nother:\n    FROM alpine\n');
  service.openDocument(ROOT_URI, 1, 'VERSION 0.8\nall:\n    BUILD ./lib+build\n');
  assert.deepEqual(codes(service.diagnostics(ROOT_URI)), ['E-undefined-target']);
  service.closeDocument(LIB_URI);
  assert.deepEqual(service.diagnostics(ROOT_URI), []);
  assert.deepEqual(service.diagnostics(pathToUri(path.resolve('/ws/missing/Earthfile'))), []);
});

test('changes and deletions on disk are seen once reported', () => {
  const { fs, service } = workspace();
  assert.deepEqual(service.diagnostics(ROOT_URI), []);
  fs.files.set(LIB, 'VERSION 0.8\nother:\n    FROM alpine\n');
  assert.deepEqual(service.diagnostics(ROOT_URI), []);
  service.filesChanged([{ uri: LIB_URI, deleted: false }]);
  assert.deepEqual(codes(service.diagnostics(ROOT_URI)), ['E-undefined-target']);
  fs.files.delete(LIB);
  service.filesChanged([{ uri: LIB_URI, deleted: true }, { uri: 'untitled:Untitled-1', deleted: true }]);
  assert.deepEqual(codes(service.diagnostics(ROOT_URI)), ['E-missing-earthfile']);
});

test('settings given later replace the defaults', () => {
  const { service } = workspace();
  service.openDocument(ROOT_URI, 1, 'build:\n    FROM alpine\n');
  assert.deepEqual(codes(service.diagnostics(ROOT_URI)), ['E-missing-version']);
  service.setSettings({ ...DEFAULT_SETTINGS, diagnostics: { enable: false, severity: {} } });
  assert.deepEqual(service.diagnostics(ROOT_URI), []);
});

test('code actions are the fixes of the diagnostics that touch the range', () => {
  const { service } = workspace();
  service.openDocument(ROOT_URI, 1, 'build:\n    FROM alpine\n');
  const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
  assert.deepEqual(
    service.codeActions(ROOT_URI, at(0, 6)).map((a) => a.title),
    ['Add "VERSION 0.8"'],
  );
  assert.deepEqual(service.codeActions(ROOT_URI, at(1, 4)), []);
});

test('targets lists open documents as they are now, and stops when cancelled', async () => {
  const { service } = workspace();
  service.openDocument(ROOT_URI, 1, 'VERSION 0.8\nfresh:\n    RUN true\n');
  const result = await service.targets([ROOT_URI, LIB_URI]);
  assert.deepEqual(
    result?.files.map((f) => [f.uri, f.targets.map((t) => t.name)]),
    [
      [ROOT_URI, ['fresh']],
      [LIB_URI, ['build']],
    ],
  );
  assert.equal(await service.targets([ROOT_URI], { isCancellationRequested: true }), undefined);
});
