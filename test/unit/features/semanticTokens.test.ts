// Semantic tokens, decoded to `text:type.modifier` for readable assertions; each fixture with `\n` and
// `\r\n`. Full, range and delta answers, and every fixture tokenised without overlaps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-types';
import { REPO_ROOT } from '../../harness/paths';
import { EOLS, openDocument, type Fixture } from './cursor';
import { checkStructure, decodeTokens, tokenTexts } from './structureChecks';

/** The tokens of the fixture, line by line: each line's tokens as `text:type.modifier…`, joined by spaces. */
function tokenLines(fixture: Fixture): string[] {
  const { service, uri, text } = openDocument(fixture);
  const data = service.semanticTokens(uri).data;
  const lines = text.split(/\r?\n/).map((): string[] => []);
  decodeTokens(data).forEach((t, i) => lines[t.line].push(tokenTexts(text, data)[i]));
  return lines.map((l) => l.join(' '));
}

const CI = `VERSION --use-function-keyword 0.8
IMPORT ./lib AS lib
ARG --global REGISTRY=ghcr.io/acme # where images go

# Builds the API.
# Run it with +build.
build:
    FROM golang:1.22
    ARG GO_VERSION="1.22 $REGISTRY"
    ARG EARTHLY_TARGET_NAME
    LET count = 0
    SET count = $GO_VERSION
    RUN apt-get update && \\
        # curl fetches the toolchain
        apt-get install -y curl $count $EARTHLY_TARGET_NAME $HOME
    FOR file IN $(ls)
        COPY ./services/api+build/bin/$file (lib+assets/a --MODE=$file) ./
    END
    BUILD --build-arg X=1 lib+lint --STRICT=true
    DO lib+SETUP
    SAVE ARTIFACT /out AS LOCAL out
    SAVE IMAGE --push $REGISTRY/api:latest
    CMD ["/bin/api", "$count"]

SETUP:
    COMMAND
`;

for (const { label, eol } of EOLS) {
  test(`commands, flags, ARGs and other variables, builtins, references, comments (${label})`, () => {
    assert.deepEqual(tokenLines({ text: CI, eol }), [
      'VERSION:keyword --use-function-keyword:property 0.8:number',
      'IMPORT:keyword ./lib:namespace AS:keyword lib:namespace.declaration',
      'ARG:keyword --global:property REGISTRY:parameter.declaration # where images go:comment',
      '',
      '# Builds the API.:comment.documentation',
      '# Run it with +build.:comment.documentation',
      'build:function.declaration',
      'FROM:keyword',
      'ARG:keyword GO_VERSION:parameter.declaration "1.22 $:string REGISTRY:parameter ":string',
      'ARG:keyword EARTHLY_TARGET_NAME:variable.declaration.readonly.defaultLibrary',
      'LET:keyword count:variable.declaration',
      'SET:keyword count:variable GO_VERSION:parameter',
      'RUN:keyword',
      '# curl fetches the toolchain:comment',
      'count:variable EARTHLY_TARGET_NAME:variable.readonly.defaultLibrary HOME:variable',
      'FOR:keyword file:variable.declaration IN:keyword',
      'COPY:keyword ./services/api:namespace build:function file:variable lib:namespace assets:function MODE:parameter file:variable',
      'END:keyword',
      'BUILD:keyword --build-arg:property.deprecated lib:namespace lint:function STRICT:parameter',
      'DO:keyword lib:namespace SETUP:macro',
      'SAVE ARTIFACT:keyword AS:keyword LOCAL:keyword',
      'SAVE IMAGE:keyword --push:property REGISTRY:parameter',
      'CMD:keyword',
      '',
      'SETUP:macro.declaration',
      'COMMAND:keyword.deprecated',
      '',
    ]);
  });

  test(`EarthBuild deprecates the EARTHLY_ spelling of builtins and PROJECT (${label})`, () => {
    const text = 'VERSION 0.8\nPROJECT acme/app\nbuild:\n    ARG EARTHLY_GIT_HASH\n    ARG EARTH_GIT_HASH\n    RUN echo $EARTHLY_GIT_HASH\n';
    assert.deepEqual(tokenLines({ text, eol, flavor: 'earthbuild' }).slice(1, 6), [
      'PROJECT:keyword.deprecated',
      'build:function.declaration',
      'ARG:keyword EARTHLY_GIT_HASH:variable.declaration.deprecated.readonly.defaultLibrary',
      'ARG:keyword EARTH_GIT_HASH:variable.declaration.readonly.defaultLibrary',
      'RUN:keyword EARTHLY_GIT_HASH:variable.deprecated.readonly.defaultLibrary',
    ]);
    assert.deepEqual(tokenLines({ text, eol }).slice(1, 4), ['PROJECT:keyword', 'build:function.declaration', 'ARG:keyword EARTHLY_GIT_HASH:variable.declaration.readonly.defaultLibrary']);
  });

  test(`every reference form: same file, path, alias, remote, group, --load, FROM DOCKERFILE, a variable (${label})`, () => {
    const text = `VERSION 0.8
IMPORT github.com/acme/lib:v1 AS lib
t:
    FROM ../base+image
    BUILD github.com/acme/app/sub:main+build --X=1
    COPY "(+art/out --Y=2)" ./
    FROM DOCKERFILE -f +df/Dockerfile +ctx/dir
    WITH DOCKER --load img:1=(./svc+image --Z=$V)
        RUN true
    END
    DO lib+SETUP
    BUILD $TARGET
`;
    assert.deepEqual(tokenLines({ text, eol }).slice(1, 12), [
      'IMPORT:keyword github.com/acme/lib:v1:namespace AS:keyword lib:namespace.declaration',
      't:function.declaration',
      'FROM:keyword ../base:namespace image:function',
      'BUILD:keyword github.com/acme/app/sub:main:namespace build:function X:parameter',
      'COPY:keyword "(+:string art:function /out --:string Y:parameter =2)":string',
      'FROM DOCKERFILE:keyword -f:property df:function ctx:function',
      'WITH DOCKER:keyword --load:property ./svc:namespace image:function Z:parameter V:variable',
      'RUN:keyword',
      'END:keyword',
      'DO:keyword lib:namespace SETUP:macro',
      'BUILD:keyword TARGET:variable',
    ]);
  });

  test(`a word continued over lines is a token per line; positions ignore the line ending (${label})`, () => {
    const text = 'VERSION 0.8\nt:\n    ARG V=x\n    COPY ./ser\\\n  vices+b/o .\n    LABEL k="a b \\\n c"\n';
    const { service, uri } = openDocument({ text, eol });
    const tokens = decodeTokens(service.semanticTokens(uri).data).map((t) => [t.line, t.character, t.length, t.type, t.modifiers.join('.')]);
    assert.deepEqual(tokens.slice(5), [
      [3, 4, 4, 'keyword', ''],
      [3, 9, 5, 'namespace', ''],
      [4, 2, 5, 'namespace', ''],
      [4, 8, 1, 'function', ''],
      [5, 4, 5, 'keyword', ''],
      [5, 12, 4, 'string', ''],
      [6, 1, 2, 'string', ''],
    ]);
  });

  test(`a range asks for the tokens it overlaps, positioned as in a full answer (${label})`, () => {
    const { service, uri, text } = openDocument({ text: CI, eol });
    const range = service.semanticTokensRange(uri, { start: { line: 10, character: 8 }, end: { line: 12, character: 4 } });
    assert.deepEqual(tokenTexts(text, range.data), ['count:variable.declaration', 'SET:keyword', 'count:variable', 'GO_VERSION:parameter']);
    assert.equal(range.resultId, undefined);
  });
}

/** Applies LSP semantic token edits to the previous data. */
function applyEdits(previous: readonly number[], delta: SemanticTokensDelta): number[] {
  const data = [...previous];
  for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) data.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return data;
}

test('a delta against the last result is one edit that gives the new tokens; an unknown result id gets them all', () => {
  const { service, uri, text } = openDocument({ text: CI });
  const first = service.semanticTokens(uri);
  service.openDocument(uri, 2, text.replace('    LET count = 0\n', '    LET count = 0\n    ENV MODE=$count\n'));
  const delta = service.semanticTokensDelta(uri, first.resultId!) as SemanticTokensDelta;
  assert.ok('edits' in delta && delta.edits.length === 1, 'one edit');
  assert.ok(delta.edits[0].deleteCount < first.data.length / 4, `a small edit: ${JSON.stringify(delta.edits[0]).slice(0, 200)}`);
  const full = service.semanticTokens(uri);
  assert.deepEqual(applyEdits(first.data, delta), full.data);
  assert.notEqual(delta.resultId, first.resultId);
  // The delta named an old result: it is no longer kept, so everything comes back.
  const again = service.semanticTokensDelta(uri, first.resultId!) as SemanticTokens;
  assert.deepEqual(again.data, full.data);
  assert.ok(again.resultId);
  // A closed document has no tokens and keeps no result.
  service.closeDocument(uri);
  assert.deepEqual(service.semanticTokens(uri).data, []);
});

test('every fixture tokenises: tokens apart, within their lines, in the legend; range and delta agree', () => {
  const dirs = ['valid', 'ast'].map((d) => join(REPO_ROOT, 'test', 'fixtures', d));
  let files = 0;
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.earth'))) {
      for (const { eol } of EOLS) {
        const { service, uri, lines } = openDocument({ text: readFileSync(join(dir, name), 'utf8'), eol });
        assert.doesNotThrow(() => checkStructure(service, uri, lines), name);
      }
      files++;
    }
  }
  assert.ok(files > 90, `${files} fixtures`);
});
