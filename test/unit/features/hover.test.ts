// Hover over every kind of word, each fixture with `\n` and `\r\n` line ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, hover, type Fixture } from './cursor';

/** Asserts a hover on `word` whose markdown holds each of `parts`. */
function shows(fixture: Fixture, word: string, ...parts: string[]): string {
  const answer = hover(fixture);
  assert.ok(answer, 'a hover');
  assert.equal(answer.word, word);
  for (const part of parts) assert.ok(answer.markdown.includes(part), `expected ${JSON.stringify(part)} in:\n${answer.markdown}`);
  return answer.markdown;
}

const LIB = '/ws/lib/Earthfile';
const API = '/ws/services/api/Earthfile';

for (const { label, eol } of EOLS) {
  const at = (text: string, extra: Omit<Fixture, 'text' | 'eol'> = {}): Fixture => ({ text, eol, ...extra });

  test(`commands: usage, what they do, what they need, deprecation (${label})`, () => {
    shows(at('VERSION 0.8\nbuild:\n    CO$0PY a b\n'), 'COPY', 'COPY [options] <src>... <dest>', 'Copies files');
    shows(at('VERSION 0.8\nbuild:\n    SAVE ARTI$0FACT a\n'), 'SAVE ARTIFACT', 'AS LOCAL');
    shows(at('VERSION 0.8\nbuild:\n    FROM alpine\n    WA$0IT\n    END\n'), 'WAIT', 'Needs `VERSION --wait-block` (on by default from `VERSION 0.7`)');
    shows(at('VERSION 0.7\nF:\n    COMM$0AND\n'), 'COMMAND', '**Deprecated** once `--use-function-keyword` is on: Use FUNCTION instead of COMMAND.');
    shows(at('VERSION --try 0.8\nbuild:\n    TR$0Y\n'), 'TRY', 'experimental: on only when named on the VERSION line');
    shows(at('VERSION 0.8\nbuild:\n    A$0DD x y\n'), 'ADD', '**Not supported**');
  });

  test(`flags: value shape, feature, deprecated and obsolete (${label})`, () => {
    shows(at('VERSION 0.8\nbuild:\n    COPY --ch$0mod=0755 a b\n'), '--chmod', 'COPY --chmod=<octal-mode>', 'Needs `VERSION --use-chmod` (on by default from `VERSION 0.7`)');
    shows(at('VERSION 0.8\nbuild:\n    COPY --chmod=07$055 a b\n'), '0755', 'COPY --chmod=<octal-mode>');
    shows(at('VERSION 0.8\nbuild:\n    FROM --plat$0form linux/arm64 alpine\n'), '--platform', 'FROM --platform=<os>/<arch>[/<variant>]');
    shows(at('VERSION 0.8\nbuild:\n    RUN --netw$0ork=none true\n'), '--network', 'RUN --network=none', 'on by default from `VERSION 0.8`');
    shows(at('VERSION 0.8\nbuild:\n    BUILD --build-a$0rg X=1 +t\nt:\n'), '--build-arg', '**Deprecated**: Write the override after the target reference');
    shows(at('VERSION 0.8\nbuild:\n    COPY --fr$0om=x a b\n'), '--from', '**Obsolete**: COPY --from not implemented');
    shows(at('VERSION 0.8\nbuild:\n    SAVE IMAGE --pu$0sh x\n'), '--push', 'A switch; `--push=true`');
    shows(at('VERSION 0.8\nbuild:\n    FROM DOCKERFILE -$0f x.Dockerfile .\n'), '-f', 'FROM DOCKERFILE -f <path> | <artifact-ref>');
    shows(at('VERSION 0.8\nARG --glo$0bal X\n'), '--global', 'Only in the base recipe');
  });

  test(`VERSION: each feature flag and the number (${label})`, () => {
    shows(at('VERSION --use-ch$0mod 0.6\n'), '--use-chmod', 'Enables `COPY --chmod`', 'On by default from `VERSION 0.7`');
    shows(at('VERSION --arg-scope-and-s$0et 0.7\n'), '--arg-scope-and-set', 'Needs `--shell-out-anywhere` as well');
    shows(at('VERSION --ea$0rthly-ci-runner-arg 0.8\n'), '--earthly-ci-runner-arg', 'Never on by default');
    shows(at('VERSION 0.$07\n'), '0.7', 'Turns on by default', '`--use-chmod`');
    shows(at('VER$0SION 0.8\n'), 'VERSION', 'VERSION [--feature-flag...] <major>.<minor>');
  });

  test(`a target reference in this file: its ARGs, outputs, file, line and doc comment (${label})`, () => {
    const text = `VERSION 0.8
ARG --global REGISTRY=ghcr.io/acme
# Builds the API binary
# and its image.
build:
    FROM golang:1.22
    ARG --required TAG
    ARG GOOS=linux
    IF true
        SAVE ARTIFACT bin/app AS LOCAL out/app
    END
    SAVE IMAGE --push $REGISTRY/app:$TAG
all:
    BUILD +bu$0ild --TAG=1
`;
    const md = shows(at(text), '+build', 'Target `build` in this Earthfile, line 5.', 'Builds the API binary\nand its image.');
    assert.ok(
      md.startsWith(
        '```earthfile\nARG --global REGISTRY=ghcr.io/acme\nbuild:\n    ARG --required TAG\n    ARG GOOS=linux\n    SAVE ARTIFACT bin/app AS LOCAL out/app\n    SAVE IMAGE --push $REGISTRY/app:$TAG\n```',
      ),
      md,
    );
    shows(at(text.replace('BUILD +bu$0ild', 'FROM +bu$0ild')), '+build', 'Target `build`');
    shows(at(text.replace('BUILD +bu$0ild --TAG=1', 'COPY +bu$0ild/bin/app .')), '+build/bin/app', 'SAVE ARTIFACT bin/app');
    shows(at(text.replace('BUILD +bu$0ild', 'BUILD +nothe$0re')), '+nothere', 'This Earthfile has no target `nothere`.');
  });

  test(`a function reference and a header name (${label})`, () => {
    const text = 'VERSION 0.8\nTOOLS:\n    FUNCTION\n    ARG GO_VERSION=1.22\nbuild:\n    DO +TO$0OLS\n';
    shows(at(text), '+TOOLS', '```earthfile\nTOOLS:\n    ARG GO_VERSION=1.22\n```', 'Function `TOOLS` in this Earthfile, line 2.');
    shows(at('VERSION 0.8\nbui$0ld:\n    ARG X=1\n'), 'build', 'build:\n    ARG X=1', 'Target `build`');
  });

  test(`references to other Earthfiles: ./dir, ../dir and IMPORT aliases, chained (${label})`, () => {
    const files = {
      [LIB]: 'VERSION 0.8\n# The shared base.\nbase-image:\n    FROM alpine\n    ARG --required ALPINE\n    SAVE IMAGE lib:latest\n',
      [API]: 'VERSION 0.8\nIMPORT ../../lib\nimage:\n    FROM lib+base-image --ALPINE=3.20\n    SAVE IMAGE --push acme/api\n',
    };
    shows(at('VERSION 0.8\nall:\n    BUILD ./services/api+im$0age\n', { files }), './services/api+image', 'Target `image` in `./services/api/Earthfile`, line 3.', 'SAVE IMAGE --push acme/api');
    shows(at('VERSION 0.8\nIMPORT ./lib\nall:\n    FROM lib+base-im$0age\n', { files }), 'lib+base-image', 'ARG --required ALPINE', '`./lib/Earthfile`', 'The shared base.');
    shows(at('VERSION 0.8\nIMPORT ./services/api AS api\nall:\n    BUILD api+ima$0ge\n', { files }), 'api+image', '`./services/api/Earthfile`');
    shows(at('VERSION 0.8\nall:\n    BUILD ./nowhere+x$0\n', { files }), './nowhere+x', 'No Earthfile is found in that folder.');
    shows(at('VERSION 0.8\nall:\n    BUILD ./lib+mis$0sing\n', { files }), './lib+missing', '`./lib/Earthfile` has no target `missing`.');
    shows(at('VERSION 0.8\nall:\n    BUILD nope+t$0\n', { files }), 'nope+t', 'No IMPORT gives the alias `nope` here.');
    shows(at('VERSION 0.8\nIMPORT ./li$0b\n', { files }), './lib', '`./lib/Earthfile`: 1 targets, 0 functions, as `lib+<name>` in the whole file.');
    shows(at('VERSION 0.8\nall:\n    BUILD ./li$0b+$TARGET\n', { files }), './lib+$TARGET', 'expanded at build time');
    shows(at('VERSION 0.8\nall:\n    BUILD ./lib+$TARG$0ET\n', { files }), 'TARGET', 'No ARG, LET, ENV or FOR declares `TARGET` here');
  });

  test(`a remote reference says where it comes from and that it is not checked (${label})`, () => {
    shows(at('VERSION 0.8\nall:\n    BUILD github.com/acme/repo/sub:v1.2+li$0nt\n'), 'github.com/acme/repo/sub:v1.2+lint', 'git repository `github.com/acme/repo/sub` at `v1.2`', 'not checked locally');
    shows(at('VERSION 0.8\nIMPORT github.com/acme/tools AS tools\nall:\n    DO tools+SET$0UP\n'), 'tools+SETUP', 'on its default branch (imported as `tools`)');
    shows(at('VERSION 0.8\nIMPORT github.com/acme/to$0ols:main\n'), 'github.com/acme/tools:main', 'at `main`');
  });

  test(`an override: the callee's ARG it sets (${label})`, () => {
    const text = 'VERSION 0.8\nbuild:\n    ARG --required TAG\n    ARG GOOS=linux\nall:\n    BUILD +build --TA$0G=1 --GOOS=darwin\n';
    shows(at(text), 'TAG', '```earthfile\nARG --required TAG\n```', '**Required**', 'An ARG of target `build` in this Earthfile.');
    shows(at(text.replace('--TA$0G=1 --GOOS=darwin', '--TAG=1 --GOOS=dar$0win')), 'darwin', 'Default: `linux`.');
    shows(at(text.replace('--TA$0G', '--NA$0ME')), 'NAME', 'declares no ARG `NAME`');
    shows(at(text.replace('BUILD +build --TA$0G=1 --GOOS=darwin', 'COPY (+build/out --GO$0OS=x) .')), 'GOOS', 'Default: `linux`.');
    // Half typed, before its `)`: still the group's reference and overrides.
    shows(at(text.replace('BUILD +build --TA$0G=1 --GOOS=darwin', 'COPY (+build/out --GO$0OS')), 'GOOS', 'Default: `linux`.');
    shows(at(text.replace('BUILD +build --TA$0G=1 --GOOS=darwin', 'COPY (+bui$0ld/out --GOOS')), '(+build/out --GOOS', 'Target `build`');
  });

  test(`variables: ARG, LET, ENV, FOR, global and undeclared (${label})`, () => {
    const text = `VERSION 0.8
ARG --global REGISTRY=ghcr.io
build:
    # The image tag.
    ARG TAG=latest
    LET dir = /src
    ENV GOFLAGS=-mod=mod
    FOR f IN a b
        RUN echo $f
    END
    RUN echo $TAG \${dir} $GOFLAGS $REGISTRY $NOPE
`;
    const cursorAt = (word: string) => at(text.replace(`RUN echo $TAG \${dir} $GOFLAGS $REGISTRY $NOPE`, `RUN echo $TAG \${dir} $GOFLAGS $REGISTRY $NOPE`.replace(word, word.slice(0, 2) + '$0' + word.slice(2))));
    shows(cursorAt('$TAG'), 'TAG', '```earthfile\nARG TAG=latest\n```', 'ARG of target `build`, declared on line 5', 'The image tag.');
    shows(cursorAt('${dir}'), 'dir', 'LET dir = /src', 'declared with LET on line 6');
    shows(cursorAt('$GOFLAGS'), 'GOFLAGS', 'ENV GOFLAGS=-mod=mod', 'Environment variable set in target `build` on line 7');
    shows(cursorAt('$REGISTRY'), 'REGISTRY', 'ARG --global REGISTRY=ghcr.io', 'Global ARG, declared in the base recipe on line 2');
    shows(cursorAt('$NOPE'), 'NOPE', 'No ARG, LET, ENV or FOR declares `NOPE` here');
    shows(at(text.split('echo $f').join('echo $$0f')), 'f', 'Loop variable of the FOR on line 8');
    shows(at(text.replace('    FOR f', '    # Each letter.\n    FOR f').split('echo $f').join('echo $$0f')), 'f', 'Each letter.');
    shows(at(text.replace('ARG TAG=latest', 'ARG TA$0G=latest')), 'TAG', 'ARG TAG=latest');
    shows(at('VERSION 0.8\nb:\n    LET x = 1\n    SET $0x = 2\n'), 'x', 'LET x = 1');
    shows(at('VERSION 0.8\nARG LOCAL=1\nFROM alpine\nRUN echo $LOC$0AL\n'), 'LOCAL', 'ARG of the base recipe, line 2. Not global');
  });

  test(`an ENV brought by FROM +target or DO +function: where it was set (${label})`, () => {
    const files = { [LIB]: 'VERSION 0.8\ntoolchain:\n    FROM golang:1.23\n    ENV GOPATH=/go\n' };
    const text = 'VERSION 0.8\nIMPORT ./lib\ndeps:\n    FROM lib+toolchain\nSET_PATH:\n    FUNCTION\n    ENV PATH=/go/bin:$PATH\nbuild:\n    FROM +deps\n    DO +SET_PATH\n    RUN echo $GOPATH $PATH\n';
    shows(at(text.replace('$GOPATH', '$GO$0PATH'), { files }), 'GOPATH', '```earthfile\nENV GOPATH=/go\n```', 'Environment variable set in target `toolchain` of `./lib/Earthfile`, line 4', 'FROM line above');
    shows(at(text.replace('$PATH\n', '$PA$0TH\n'), { files }), 'PATH', 'ENV PATH=/go/bin:$PATH', 'function `SET_PATH` of this Earthfile, line 7', 'DO line above');
    shows(at(text.replace('    FROM +deps\n', '    FROM alpine\n').replace('$GOPATH', '$GO$0PATH'), { files }), 'GOPATH', 'No ARG, LET, ENV or FOR declares `GOPATH` here');
  });

  test(`builtin ARGs follow the flavor setting and the VERSION (${label})`, () => {
    const text = 'VERSION 0.8\nbuild:\n    ARG EARTHLY_GIT_HASH\n    RUN echo $EARTHLY_GIT_HA$0SH\n';
    shows(at(text), 'EARTHLY_GIT_HASH', 'ARG EARTHLY_GIT_HASH', 'The full commit hash', 'EarthBuild spells it `EARTH_GIT_HASH`.');
    const eb = text.replace(/EARTHLY_/g, 'EARTH_');
    shows(at(eb, { flavor: 'earthbuild' }), 'EARTH_GIT_HASH', 'ARG EARTH_GIT_HASH', 'Set by EarthBuild', '`EARTHLY_GIT_HASH` still works on EarthBuild');
    shows(at('VERSION 0.6\nbuild:\n    ARG EARTHLY_CI\n    RUN echo $EARTHLY_$0CI\n'), 'EARTHLY_CI', '**Not provided** under this file\'s VERSION: add `--ci-arg`');
    shows(at('VERSION 0.8\nbuild:\n    RUN echo $TARGETA$0RCH\n'), 'TARGETARCH', 'Not declared here: without `ARG TARGETARCH`');
  });
}
