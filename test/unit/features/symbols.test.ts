// Document symbols (the outline and breadcrumbs) and workspace symbols (every target and function of
// the workspace, named as the command line names them, fuzzily matched).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { fuzzyScore, MAX_WORKSPACE_SYMBOLS } from '../../../server/src/features/workspaceSymbols';
import { createLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/uri';
import { memoryFs } from '../analysis/memoryFs';
import { EOLS, openDocument } from './cursor';
import { textOf } from './structureChecks';

const CI = `VERSION 0.8
IMPORT ./lib AS lib
ARG --global REGISTRY=ghcr.io/acme

# Builds the API binary.
# Second line of the doc.
build:
    FROM golang:1.22
    ARG --required TAG
    ARG EARTHLY_GIT_HASH
    IF [ "$TAG" = "dev" ]
        ARG DEBUG=1
    END
    IMPORT github.com/acme/tools:v1
    SAVE IMAGE --push $REGISTRY/api:$TAG $REGISTRY/api:latest

test:
    BUILD +build

SETUP:
    FUNCTION
    ARG LEVEL
    SAVE IMAGE local/setup
`;

/** SymbolKind's names by value (it is a namespace of numbers, not an enum with reverse names). */
const KIND_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(SymbolKind).map(([name, value]) => [value, name]));

/** A symbol as `name (kind) detail: text of its selection range`, with its children indented below. */
function outline(symbols: readonly DocumentSymbol[], text: string, lines: Parameters<typeof textOf>[1], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name} (${KIND_NAMES[s.kind]})${s.detail ? ` ${s.detail}` : ''}: ${textOf(text, lines, s.selectionRange)}`,
    ...outline(s.children ?? [], text, lines, depth + 1),
  ]);
}

for (const { label, eol } of EOLS) {
  test(`the outline: base recipe, targets with their ARGs, images and IMPORTs, functions (${label})`, () => {
    const { service, uri, text, lines } = openDocument({ text: CI, eol });
    const symbols = service.documentSymbols(uri);
    assert.deepEqual(outline(symbols, text, lines), [
      'base (Namespace) base recipe: IMPORT',
      '  lib (Module) ./lib: lib',
      '  REGISTRY (Variable) global = ghcr.io/acme: REGISTRY',
      'build (Function) Builds the API binary.: build',
      '  TAG (Variable) required: TAG',
      '  EARTHLY_GIT_HASH (Constant): EARTHLY_GIT_HASH',
      '  DEBUG (Variable) = 1: DEBUG',
      '  tools (Module) github.com/acme/tools:v1: github.com/acme/tools:v1',
      '  $REGISTRY/api:$TAG (Package) SAVE IMAGE --push: $REGISTRY/api:$TAG',
      '  $REGISTRY/api:latest (Package) SAVE IMAGE --push: $REGISTRY/api:latest',
      'test (Function): test',
      'SETUP (Method): SETUP',
      '  LEVEL (Variable): LEVEL',
      '  local/setup (Package) SAVE IMAGE: local/setup',
    ]);
    // A target's range takes in its doc comment and ends with its last statement.
    const build = symbols[1];
    assert.deepEqual(build.range, { start: { line: 4, character: 0 }, end: { line: 14, character: 61 } });
    assert.match(textOf(text, lines, symbols[2].range), /^test:\r?\n {4}BUILD \+build$/);
  });
}

test('an empty or broken file has an outline that never throws', () => {
  for (const text of ['', 'VERSION 0.8\n', 'build:\n', 'VERSION 0.8\nIMPORT\nARG\nt:\n    SAVE IMAGE\n    IMPORT "" AS\n']) {
    const { service, uri } = openDocument({ text });
    assert.doesNotThrow(() => service.documentSymbols(uri), JSON.stringify(text));
  }
  const { service, uri } = openDocument({ text: 'build:\n' });
  assert.deepEqual(service.documentSymbols(uri).map((s) => s.name), ['build']);
  assert.deepEqual(service.documentSymbols('file:///not/open/Earthfile'), []);
});

const WS = path.resolve('/ws');

/** A language service over a workspace folder in memory. */
function workspace(files: Record<string, string>) {
  const fs = memoryFs(Object.fromEntries(Object.entries(files).map(([p, t]) => [path.join(WS, p), t])));
  const service = createLanguageService(fs);
  service.setWorkspaceFolders([pathToUri(WS)]);
  return { service, fs };
}

const FILES = {
  Earthfile: 'VERSION 0.8\nall:\n    BUILD ./services/api+build\nlint:\n    RUN true\n',
  'services/api/Earthfile': 'VERSION 0.8\nbuild:\n    RUN go build\ndocker:\n    FROM +build\n',
  'services/web/build.earth': 'VERSION 0.8\nbuild:\n    RUN npm run build\n',
  // A directory with both: `./both+t` reads the Earthfile.
  'both/Earthfile': 'VERSION 0.8\nfrom-earthfile:\n',
  'both/build.earth': 'VERSION 0.8\nfrom-build-earth:\n',
  'lib/Earthfile': 'VERSION 0.8\nGO_DEPS:\n    FUNCTION\n',
  'node_modules/pkg/Earthfile': 'VERSION 0.8\nvendored:\n',
  'scratch/other.earth': 'VERSION 0.8\nnot-a-build-file:\n',
};

test('workspace symbols: every target and function, named from the workspace folder', async () => {
  const { service } = workspace(FILES);
  const all = await service.workspaceSymbols('');
  assert.deepEqual(all?.map((s) => `${s.name} ${KIND_NAMES[s.kind]}`).sort(), [
    '+all Function',
    '+lint Function',
    './both+from-earthfile Function',
    './lib+GO_DEPS Method',
    './services/api+build Function',
    './services/api+docker Function',
    './services/web+build Function',
  ]);
  const api = all?.find((s) => s.name === './services/api+docker');
  assert.deepEqual(api?.location, { uri: pathToUri(path.join(WS, 'services/api/Earthfile')), range: { start: { line: 3, character: 0 }, end: { line: 3, character: 6 } } });
});

test('workspace symbols: fuzzy matching, the best first', async () => {
  const { service } = workspace(FILES);
  const names = async (query: string) => (await service.workspaceSymbols(query))?.map((s) => s.name);
  assert.deepEqual(await names('apibuild'), ['./services/api+build']);
  // An exact target name first, then the names that hold it in order.
  assert.deepEqual(await names('build'), ['./services/api+build', './services/web+build']);
  assert.deepEqual((await names('dock'))?.[0], './services/api+docker');
  assert.deepEqual(await names('GO DEPS'), ['./lib+GO_DEPS']);
  assert.deepEqual(await names('zzz'), []);
});

test('workspace symbols follow file events and workspace folder changes; a cancelled request answers undefined', async () => {
  const { service, fs } = workspace(FILES);
  assert.equal((await service.workspaceSymbols('newer'))?.length, 0);
  const created = path.join(WS, 'services/new/Earthfile');
  fs.files.set(created, 'VERSION 0.8\nnewer:\n');
  service.filesChanged([{ uri: pathToUri(created), deleted: false }]);
  assert.deepEqual((await service.workspaceSymbols('newer'))?.map((s) => s.name), ['./services/new+newer']);
  service.setWorkspaceFolders([pathToUri(path.join(WS, 'services'))]);
  assert.deepEqual((await service.workspaceSymbols('newer'))?.map((s) => s.name), ['./new+newer']);
  service.setWorkspaceFolders([]);
  assert.deepEqual(await service.workspaceSymbols(''), []);
  service.setWorkspaceFolders([pathToUri(WS)]);
  assert.equal(await service.workspaceSymbols('', { isCancellationRequested: true }), undefined);
});

test(`workspace symbols stop at ${MAX_WORKSPACE_SYMBOLS}`, async () => {
  const targets = Array.from({ length: MAX_WORKSPACE_SYMBOLS + 10 }, (_, i) => `t${i}:\n    RUN true\n`).join('');
  const { service } = workspace({ Earthfile: `VERSION 0.8\n${targets}` });
  assert.equal((await service.workspaceSymbols(''))?.length, MAX_WORKSPACE_SYMBOLS);
  assert.deepEqual((await service.workspaceSymbols('t509'))?.map((s) => s.name), ['+t509']);
});

test('fuzzy scores: subsequences only, starts of parts and the target name count most', () => {
  assert.equal(fuzzyScore('xyz', './services/api+build'), undefined);
  assert.equal(fuzzyScore('', './a+b'), 0);
  const score = (q: string, c: string) => fuzzyScore(q, c) ?? -1;
  assert.ok(score('build', './a+build') > score('build', './build+zz-b-u-i-l-d'));
  assert.ok(score('apib', './services/api+build') > score('apib', './apps/ui+bench'));
  assert.ok(score('api', './services/api+x') > score('api', './services/xapix+x'));
  assert.ok(score('BUILD', './a+build') === score('build', './a+build'), 'case is ignored');
});
