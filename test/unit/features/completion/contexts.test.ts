// Completion in every context, with `\n` and `\r\n`: commands, blocks, snippets, flags and their
// values, references, overrides, artifacts, variables, paths and the image seam.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, InsertTextFormat } from 'vscode-languageserver-types';
import { bothEols, completeAt, type FixtureOptions } from './fixture';

const has = (labels: readonly string[], ...wanted: string[]) => {
  for (const w of wanted) assert.ok(labels.includes(w), `${w} missing from ${labels.join(', ')}`);
};
const lacks = (labels: readonly string[], ...unwanted: string[]) => {
  for (const w of unwanted) assert.ok(!labels.includes(w), `${w} should not be offered`);
};
const labelsAt = async (fixture: string, eol: '\n' | '\r\n', options: FixtureOptions = {}) => (await completeAt(fixture, { ...options, eol })).labels;

const WORKSPACE: FixtureOptions['files'] = {
  'services/api/Earthfile': 'VERSION 0.8\n# Builds the API.\nbuild:\n    ARG GOOS=linux\n    ARG --required VERSION_TAG\n    SAVE ARTIFACT /out/api api\n    SAVE ARTIFACT dist/ AS LOCAL dist\ndocker:\n    FROM alpine\nGO_DEPS:\n    FUNCTION\n',
  'services/web/Earthfile': 'VERSION 0.8\nbuild:\n    FROM node\n',
  'lib/Earthfile': 'VERSION 0.8\nGO_DEPS:\n    FUNCTION\n    ARG GO_VERSION=1.23\nhelper:\n    FROM alpine\n',
  'docs/readme.md': '# not an Earthfile\n',
  'src/main.go': 'package main\n',
  'src/gen/out.go': 'package gen\n',
  'build/tmp.txt': 'x\n',
  '.earthlyignore': '# generated\nbuild\n',
};

test('commands in a target, filtered by VERSION, with deprecated ones tagged', async () => {
  await bothEols(async (eol) => {
    const r = await completeAt('VERSION 0.8\nbuild:\n    FROM alpine\n    CO$0\n', { eol });
    has(r.labels, 'COPY', 'RUN', 'IF', 'FOR', 'WITH DOCKER', 'SAVE ARTIFACT', 'CACHE');
    lacks(r.labels, 'VERSION', 'PROJECT', 'FUNCTION', 'COMMAND', 'END', 'ELSE', 'ADD', 'SHELL');
    assert.deepEqual(r.item('COPY').textEdit, { range: { start: { line: 3, character: 4 }, end: { line: 3, character: 6 } }, newText: 'COPY' });
    const tryItem = r.item('TRY');
    assert.match(tryItem.detail ?? '', /needs VERSION --try/);
    assert.equal(r.apply('TRY').split(eol)[0], 'VERSION --try 0.8');
  });
});

test('the base recipe offers VERSION first, PROJECT and global ARGs; a function its FUNCTION line', async () => {
  await bothEols(async (eol) => {
    has(await labelsAt('$0\n', eol), 'VERSION', 'FROM', 'IMPORT', 'ARG');
    const base = await labelsAt('VERSION 0.7\nIM$0\n', eol);
    has(base, 'IMPORT', 'PROJECT');
    lacks(base, 'VERSION');
    const fn = await completeAt('VERSION 0.8\nMY_FN:\n    $0\n', { eol });
    has(fn.labels, 'FUNCTION', 'COMMAND');
    assert.deepEqual(fn.item('COMMAND').tags, [CompletionItemTag.Deprecated]);
    lacks(await labelsAt('VERSION 0.8\nMY_FN:\n    FUNCTION\n    $0\n', eol), 'FUNCTION', 'COMMAND');
    lacks(await labelsAt('VERSION 0.8\nbuild:\n    $0\n', eol), 'FUNCTION', 'PROJECT');
  });
});

test('inside blocks: only what the body allows, and the clauses that continue or close it', async () => {
  await bothEols(async (eol) => {
    const withDocker = await labelsAt('VERSION 0.8\nt:\n    FROM earthly/dind\n    WITH DOCKER\n        $0\n    END\n', eol);
    assert.deepEqual(withDocker.sort(), ['DO', 'END', 'RUN']);
    const ifBody = await labelsAt('VERSION 0.8\nt:\n    FROM alpine\n    IF true\n        RUN x\n    E$0\n', eol);
    has(ifBody, 'ELSE', 'ELSE IF', 'END', 'RUN');
    const elseBody = await labelsAt('VERSION 0.8\nt:\n    FROM alpine\n    IF true\n    ELSE\n        $0\n', eol);
    has(elseBody, 'END');
    lacks(elseBody, 'ELSE', 'ELSE IF');
    const tryBody = await labelsAt('VERSION --try 0.8\nt:\n    FROM alpine\n    TRY\n        RUN x\n    $0\n', eol);
    has(tryBody, 'FINALLY', 'END', 'RUN', 'WITH DOCKER');
    // Earthly parses CATCH but refuses it.
    lacks(tryBody, 'COPY', 'CATCH');
    const finallyBody = await labelsAt('VERSION --try 0.8\nt:\n    FROM alpine\n    TRY\n        RUN x\n    FINALLY\n        $0\n    END\n', eol);
    assert.deepEqual(finallyBody.sort(), ['END', 'SAVE ARTIFACT']);
    has(await labelsAt('VERSION 0.8\nt:\n    FROM alpine\n    FOR x IN a b\n        $0\n', eol), 'END', 'RUN');
    has(await labelsAt('VERSION 0.8\nt:\n    WAIT\n        BUILD +a\n    $0\n', eol), 'END');
    // After END the block is closed.
    lacks(await labelsAt('VERSION 0.8\nt:\n    FROM alpine\n    IF true\n    END\n    $0\n', eol), 'END', 'ELSE');
    // Nested: END closes the inner block first, ELSE belongs to the inner IF.
    has(await labelsAt('VERSION 0.8\nt:\n    FOR x IN a\n        IF true\n            RUN x\n        $0\n', eol), 'ELSE', 'END');
  });
});

test('after LOCALLY, what LOCALLY refuses is not offered', async () => {
  await bothEols(async (eol) => {
    const labels = await labelsAt('VERSION 0.8\nt:\n    LOCALLY\n    $0\n', eol);
    has(labels, 'RUN', 'COPY', 'SAVE ARTIFACT');
    lacks(labels, 'CACHE', 'HOST');
  });
});

test('snippets when the client supports them, plain keywords otherwise', async () => {
  const plain = await completeAt('VERSION 0.8\nt:\n    FROM alpine\n    $0\n');
  assert.equal(plain.item('IF').insertTextFormat, undefined);
  assert.equal(plain.apply('IF'), 'VERSION 0.8\nt:\n    FROM alpine\n    IF\n');
  assert.ok(!plain.labels.includes('SAVE ARTIFACT … AS LOCAL'));
  const rich = await completeAt('VERSION 0.8\nt:\n    FROM alpine\n    $0\n', { snippets: true });
  assert.equal(rich.item('IF').insertTextFormat, InsertTextFormat.Snippet);
  assert.match(rich.apply('FOR'), /FOR \$\{1:item\} IN \$\{2:list\}\n\t\$0\nEND/);
  has(rich.labels, 'SAVE ARTIFACT … AS LOCAL', 'TRY', 'WITH DOCKER');
  const header = await completeAt('VERSION 0.8\nt:\n    FROM alpine\n$0\n', { snippets: true });
  assert.deepEqual(header.labels.sort(), ['FUNCTION', 'target']);
  assert.match(header.apply('FUNCTION'), /\n\tFUNCTION\n/);
  assert.deepEqual((await completeAt('VERSION 0.8\nt:\n    FROM alpine\n$0\n')).labels, []);
});

test('flags of the command at the cursor, minus given ones unless repeatable, replacing the dashes', async () => {
  await bothEols(async (eol) => {
    const r = await completeAt('VERSION 0.8\nt:\n    FROM alpine\n    COPY --dir --$0\n', { eol });
    has(r.labels, '--chown', '--keep-ts', '--build-arg', '--if-exists');
    lacks(r.labels, '--dir', '--from');
    assert.deepEqual(r.item('--build-arg').tags, [CompletionItemTag.Deprecated]);
    assert.equal(r.apply('--chown').split(eol)[3], '    COPY --dir --chown');
    const run = await labelsAt('VERSION 0.8\nt:\n    RUN --secret A --mount type=tmpfs,target=/t -$0\n', eol);
    has(run, '--secret', '--mount', '--push', '--network');
    lacks(run, '--with-docker');
    // After a positional word, a dash is the command's own business.
    assert.deepEqual(await labelsAt('VERSION 0.8\nt:\n    RUN apt-get -$0\n', eol), []);
    const arg = await labelsAt('VERSION 0.8\nARG --$0\n', eol);
    has(arg, '--global', '--required');
    lacks(await labelsAt('VERSION 0.8\nt:\n    ARG --$0\n', eol), '--global');
    // Before anything is typed: the flags beside the sources, so that typing `--` filters the same list.
    const bare = await completeAt('VERSION 0.8\nt:\n    FROM alpine\nu:\n    COPY --keep-ts $0\n', { eol });
    has(bare.labels, '--dir', '+t');
    lacks(bare.labels, '--keep-ts');
    assert.equal(bare.apply('--dir').split(eol)[4], '    COPY --keep-ts --dir');
    // After a source, flags are over.
    lacks(await labelsAt('VERSION 0.8\nt:\n    COPY src $0\n', eol), '--dir');
  });
});

test('a half-typed flag of a feature the file lacks is marked and adds the feature', async () => {
  const r = await completeAt('VERSION 0.7\nt:\n    RUN --net$0 true\n');
  assert.match(r.item('--network').detail ?? '', /needs VERSION --no-network/);
  assert.equal(r.apply('--network'), 'VERSION --no-network 0.7\nt:\n    RUN --network true\n');
});

test('flag values: platforms, network, sharing, mounts, secrets used in the workspace', async () => {
  await bothEols(async (eol) => {
    has(await labelsAt('VERSION 0.8\nt:\n    FROM --platform=$0 alpine\n', eol), 'linux/amd64', 'linux/arm64');
    has(await labelsAt('VERSION 0.8\nt:\n    BUILD --platform $0\n', eol), 'linux/arm/v7');
    assert.deepEqual(await labelsAt('VERSION 0.8\nt:\n    RUN --network=$0\n', eol), ['none']);
    assert.deepEqual(await labelsAt('VERSION 0.8\nt:\n    CACHE --sharing=$0\n', eol), ['locked', 'shared', 'private']);
    has(await labelsAt('VERSION 0.8\nt:\n    RUN --mount $0\n', eol), 'type=cache,target=', 'type=');
    assert.deepEqual(await labelsAt('VERSION 0.8\nt:\n    RUN --mount=type=$0\n', eol), ['cache', 'tmpfs', 'secret']);
    const keys = await labelsAt('VERSION 0.8\nt:\n    RUN --mount=type=cache,$0\n', eol);
    has(keys, 'target=', 'sharing=', 'id=');
    lacks(keys, 'type=');
    const secrets = '\nother:\n    RUN --secret NPM_TOKEN --mount=type=secret,id=ssh_key,target=/k true\n';
    assert.deepEqual(await labelsAt(`VERSION 0.8\nt:\n    RUN --secret $0${secrets}`, eol), ['NPM_TOKEN', 'ssh_key']);
    assert.deepEqual(await labelsAt(`VERSION 0.8\nt:\n    RUN --secret TOKEN=N$0${secrets}`, eol), ['NPM_TOKEN', 'ssh_key']);
  });
});

test('VERSION: feature flags not yet named, then the version numbers', async () => {
  await bothEols(async (eol) => {
    const r = await completeAt('VERSION --try --$0 0.7\n', { eol });
    has(r.labels, '--wildcard-builds', '--pass-args');
    lacks(r.labels, '--try');
    assert.match(r.item('--for-in').detail ?? '', /on by default in 0.7/);
    assert.deepEqual(await labelsAt('VERSION $0\n', eol), ['0.8', '0.7', '0.6']);
  });
});

test('references: targets after +, functions after DO, aliases, directories that hold an Earthfile', async () => {
  await bothEols(async (eol) => {
    const file = 'VERSION 0.8\nIMPORT ./lib AS lib\n# Builds it.\nbuild:\n    FROM alpine\ntest:\n    BUILD +$0\nMY_FN:\n    FUNCTION\n';
    const r = await completeAt(file, { eol, files: WORKSPACE });
    // This file's targets first, then those of the imported and the lower Earthfiles, written whole.
    const sorted = [...r.list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
    assert.deepEqual(sorted, ['build', 'test', './services/api+build', './services/api+docker', './services/web+build', 'lib+helper']);
    assert.deepEqual(r.item('build').documentation, { kind: 'markdown', value: 'Builds it.\n' });
    assert.equal(r.item('./services/api+docker').filterText, '+docker');
    assert.equal(r.apply('build').split(eol)[6], '    BUILD +build');
    assert.equal(r.apply('./services/api+docker').split(eol)[6], '    BUILD ./services/api+docker');
    assert.deepEqual(await labelsAt('VERSION 0.8\nt:\n    DO +$0\nMY_FN:\n    FUNCTION\n', eol), ['MY_FN']);
    const bare = await labelsAt('VERSION 0.8\nIMPORT ./lib\nt:\n    BUILD $0\n', eol, { files: WORKSPACE });
    has(bare, '+t', 'lib+', './services/api+docker');
    assert.deepEqual((await labelsAt('VERSION 0.8\nt:\n    BUILD ./$0\n', eol, { files: WORKSPACE })).sort(), ['./lib', './services/api', './services/web']);
    assert.deepEqual((await labelsAt('VERSION 0.8\nt:\n    BUILD ./services/api+$0\n', eol, { files: WORKSPACE })).sort(), ['build', 'docker']);
    assert.deepEqual(await labelsAt('VERSION 0.8\nIMPORT ./lib AS lib\nt:\n    DO lib+$0\n', eol, { files: WORKSPACE }), ['GO_DEPS']);
    assert.deepEqual((await labelsAt('VERSION 0.8\nIMPORT ./$0\n', eol, { files: WORKSPACE })).sort(), ['./lib', './services/api', './services/web']);
    assert.deepEqual(await labelsAt('VERSION 0.8\nt:\n    WITH DOCKER --load img=./services/web+$0\n', eol, { files: WORKSPACE }), ['build']);
  });
});

test('references in quotes: Earthly removes the quotes before it reads them', async () => {
  await bothEols(async (eol) => {
    const r = await completeAt('VERSION 0.8\nlint:\n    FROM alpine\nt:\n    BUILD "+$0"\n', { eol });
    has(r.labels, 'lint');
    assert.equal(r.apply('lint').split(eol)[4], '    BUILD "+lint"');
    has(await labelsAt("VERSION 0.8\nt:\n    COPY '(+t/$0' ./\n    SAVE ARTIFACT out\n", eol), 'out');
  });
});

test('after +target/ the artifacts it saves; after a reference its ARGs as overrides, required first', async () => {
  await bothEols(async (eol) => {
    assert.deepEqual(await labelsAt('VERSION 0.8\nt:\n    COPY ./services/api+build/$0 ./\n', eol, { files: WORKSPACE }), ['api', 'dist']);
    const overrides = await completeAt('VERSION 0.8\nt:\n    BUILD ./services/api+build --$0\n', { eol, files: WORKSPACE });
    assert.deepEqual(overrides.labels, ['--VERSION_TAG', '--GOOS']);
    assert.equal(overrides.item('--GOOS').detail, 'default: linux');
    assert.deepEqual(await labelsAt('VERSION 0.8\nt:\n    BUILD ./services/api+build --GOOS=darwin $0\n', eol, { files: WORKSPACE }), ['--VERSION_TAG']);
    assert.deepEqual(await labelsAt('VERSION 0.8\nt:\n    COPY (./services/api+build/api --$0) ./\n', eol, { files: WORKSPACE }), ['--VERSION_TAG', '--GOOS']);
    assert.deepEqual(await labelsAt('VERSION 0.8\nIMPORT ./lib\nt:\n    DO lib+GO_DEPS -$0\n', eol, { files: WORKSPACE }), ['--GO_VERSION']);
  });
});

test('variables after $ and ${: in scope first, then globals, then builtins of the VERSION and flavor', async () => {
  await bothEols(async (eol) => {
    const file = 'VERSION 0.8\nARG --global REGISTRY=r\nt:\n    ARG TAG=1\n    LET n = 2\n    ENV HOME=/h\n    RUN echo $$0\nu:\n    ARG OTHER\n';
    const r = await completeAt(file, { eol });
    has(r.labels, 'TAG', 'n', 'HOME', 'REGISTRY', 'EARTHLY_TARGET', 'EARTHLY_GIT_REFS');
    lacks(r.labels, 'OTHER', 'EARTH_TARGET');
    assert.ok(r.item('TAG').sortText! < r.item('REGISTRY').sortText! && r.item('REGISTRY').sortText! < r.item('EARTHLY_TARGET').sortText!);
    const eb = await labelsAt('VERSION 0.6\nt:\n    FROM ${$0}\n', eol, { settings: { flavor: 'earthbuild' } });
    has(eb, 'EARTH_TARGET', 'EARTH_GIT_CONTENT_HASH');
    lacks(eb, 'EARTHLY_TARGET', 'EARTH_GIT_REFS');
    const braced = await completeAt('VERSION 0.8\nt:\n    ARG TAG\n    SAVE IMAGE app:${T$0\n', { eol });
    assert.equal(braced.apply('TAG').split(eol)[3], '    SAVE IMAGE app:${TAG}');
    has(await labelsAt('VERSION 0.8\nt:\n    FOR x IN a b\n        RUN echo "$$0"\n    END\n', eol), 'x');
  });
});

test('variables: the ENVs a FROM +base chain and DO +function bring, not their ARGs; another FROM drops them', async () => {
  const files = { 'base/Earthfile': 'VERSION 0.8\ntoolchain:\n    FROM golang:1.23\n    ARG GOFLAGS=-mod=mod\n    ENV GOPATH=/go\n' };
  await bothEols(async (eol) => {
    const file = [
      'VERSION 0.8',
      'IMPORT ./base',
      'deps:',
      '    FROM base+toolchain',
      '    ENV CGO_ENABLED=0',
      '    LET tmp = x',
      'SET_PATH:',
      '    FUNCTION',
      '    ENV PATH=/go/bin:$PATH',
      'build:',
      '    FROM +deps',
      '    DO +SET_PATH',
      '    RUN go build -o /out/app $$0',
      'image:',
      '    FROM +deps',
      '    FROM alpine:3.20',
      '    RUN echo $',
      '',
    ].join('\n');
    const r = await completeAt(file, { eol, files });
    has(r.labels, 'CGO_ENABLED', 'GOPATH', 'PATH');
    lacks(r.labels, 'tmp', 'GOFLAGS');
    assert.equal(r.item('CGO_ENABLED').detail, 'ENV CGO_ENABLED=0 (from +deps)');
    assert.equal(r.item('GOPATH').detail, 'ENV GOPATH=/go (from +toolchain in ./base/Earthfile)');
    assert.equal(r.item('PATH').detail, 'ENV PATH=/go/bin:$PATH (from +SET_PATH)');
    const reset = await labelsAt(file.replace('$$0', '$').replace('echo $', 'echo $$0'), eol, { files });
    lacks(reset, 'CGO_ENABLED', 'GOPATH', 'PATH');
    // A target that bases itself on itself (an error Earthly reports) still answers.
    has(await labelsAt('VERSION 0.8\nloop:\n    FROM +loop\n    ENV A=1\n    RUN echo $$0\n', eol), 'A');
  });
});

test('local paths for COPY sources and SAVE ARTIFACT … AS LOCAL, relative to the Earthfile, without ignored ones', async () => {
  await bothEols(async (eol) => {
    const top = await labelsAt('VERSION 0.8\nt:\n    COPY $0\n', eol, { files: WORKSPACE });
    has(top, 'src/', 'docs/', 'Earthfile', '+t');
    lacks(top, 'build/');
    assert.deepEqual((await labelsAt('VERSION 0.8\nt:\n    COPY src/$0 ./\n', eol, { files: WORKSPACE })).sort(), ['gen/', 'main.go']);
    has(await labelsAt('VERSION 0.8\nt:\n    SAVE ARTIFACT dist AS LOCAL $0\n', eol, { files: WORKSPACE }), 'src/');
    // What SAVE ARTIFACT saves is a path of the build environment, not of this folder.
    lacks(await labelsAt('VERSION 0.8\nt:\n    SAVE ARTIFACT $0\n', eol, { files: WORKSPACE }), 'src/', 'docs/', 'Earthfile');
  });
});

test('image names come from the host after FROM, SAVE IMAGE and --pull, when it answers', async () => {
  const asked: unknown[] = [];
  const images = async (query: unknown) => {
    asked.push(query);
    return { items: [{ label: 'alpine', detail: 'docker.io' }] };
  };
  const r = await completeAt('VERSION 0.8\nt:\n    FROM alp$0\n', { host: { images } });
  has(r.labels, 'alpine', '+t');
  assert.deepEqual(asked, [{ uri: 'file:///ws/Earthfile', prefix: 'alp', kind: 'image' }]);
  await completeAt('VERSION 0.8\nt:\n    SAVE IMAGE --push reg.io/app:v$0\n', { host: { images } });
  assert.deepEqual(asked[1], { uri: 'file:///ws/Earthfile', prefix: 'reg.io/app:v', kind: 'tag' });
  assert.deepEqual((await completeAt('VERSION 0.8\nt:\n    FROM alp$0\n')).labels, ['+t']);
});
