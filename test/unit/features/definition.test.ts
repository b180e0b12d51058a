// Go to definition and declaration for every form of name: targets and functions in this file, in
// `./dir` and `../dir` Earthfiles and through IMPORT aliases; IMPORT paths; artifacts; overrides; `$VAR`
// uses; feature flags; and remote references, which lead nowhere. Each fixture with `\n` and `\r\n`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, type Fixture } from './cursor';
import { definitions, openWorkspace, place } from './navigation';

export const FILES = {
  'lib/Earthfile': `VERSION 0.8
# Installs the toolchain.
SETUP:
    FUNCTION
    ARG GO_VERSION=1.21
    RUN echo $GO_VERSION
`,
  'services/api/Earthfile': `VERSION 0.8
IMPORT ../../lib AS lib
build:
    ARG TAG=latest
    FROM alpine
    DO lib+SETUP
    RUN go build -o /out/api ./cmd/api
    IF true
        SAVE ARTIFACT /out/api api
    END
    SAVE ARTIFACT /out/docs docs/
`,
  'tools/Earthfile': 'VERSION 0.8\nlint:\n    FROM alpine\n',
  '../outside/Earthfile': 'VERSION 0.8\nx:\n    FROM alpine\n',
};

const ROOT = `VERSION 0.8
IMPORT ./lib AS lib
IMPORT ./tools
ARG --global REGISTRY=ghcr.io/acme
build:
    FROM alpine
    ARG VERSION=1
    LET NAME=app
    SET NAME=other
    RUN echo $VERSION \${NAME}
    SAVE IMAGE $REGISTRY/app:$VERSION
all:
    BUILD +build
    BUILD ./services/api+build --TAG=1
    DO lib+SETUP --GO_VERSION=1.22
    COPY ./services/api+build/api ./
    COPY (./services/api+build/docs/* --TAG=2) ./
    BUILD ../outside+x
    BUILD tools+lint
    BUILD github.com/earthly/lib+hello
    FOR dir IN a b
        RUN echo $dir
    END
`;

for (const { label, eol } of EOLS) {
  const at = (marker: string, replacement: string, extra: Partial<Fixture> = {}): Fixture => {
    assert.ok(ROOT.includes(marker), `${marker} is in the fixture`);
    return { text: ROOT.replace(marker, () => replacement), files: FILES, eol, ...extra };
  };

  test(`targets and functions: this file, ./dir, ../dir, an IMPORT alias (${label})`, () => {
    assert.deepEqual(definitions(at('BUILD +build', 'BUILD +bu$0ild')), ['Earthfile:5 build']);
    assert.deepEqual(definitions(at('./services/api+build --TAG', './services/api+bu$0ild --TAG')), ['services/api/Earthfile:3 build']);
    // The whole reference is a link: the path part leads to the target too.
    assert.deepEqual(definitions(at('./services/api+build --TAG', './serv$0ices/api+build --TAG')), ['services/api/Earthfile:3 build']);
    assert.deepEqual(definitions(at('BUILD ../outside+x', 'BUILD ../outside+$0x')), ['../outside/Earthfile:2 x']);
    assert.deepEqual(definitions(at('DO lib+SETUP', 'DO lib+SET$0UP')), ['lib/Earthfile:3 SETUP']);
    assert.deepEqual(definitions(at('BUILD tools+lint', 'BUILD tools+li$0nt')), ['tools/Earthfile:2 lint']);
    // A header is its own definition.
    assert.deepEqual(definitions(at('all:', 'a$0ll:')), ['Earthfile:12 all']);
  });

  test(`IMPORT: the alias leads to its IMPORT, the IMPORT line to the Earthfile it brings in (${label})`, () => {
    assert.deepEqual(definitions(at('DO lib+SETUP', 'DO l$0ib+SETUP')), ['Earthfile:2 lib']);
    assert.deepEqual(definitions(at('IMPORT ./lib AS lib', 'IMPORT ./l$0ib AS lib')), ['lib/Earthfile:1 ']);
    assert.deepEqual(definitions(at('IMPORT ./lib AS lib', 'IMPORT ./lib AS l$0ib')), ['lib/Earthfile:1 ']);
    assert.deepEqual(definitions(at('IMPORT ./tools', 'IMPORT ./to$0ols')), ['tools/Earthfile:1 ']);
    assert.deepEqual(definitions(at('BUILD tools+lint', 'BUILD to$0ols+lint')), ['Earthfile:3 ./tools']);
  });

  test(`artifacts: the SAVE ARTIFACT lines that produce them (${label})`, () => {
    assert.deepEqual(definitions(at('COPY ./services/api+build/api', 'COPY ./services/api+build/a$0pi')), ['services/api/Earthfile:9 SAVE ARTIFACT /out/api api']);
    assert.deepEqual(definitions(at('build/docs/*', 'build/do$0cs/*')), ['services/api/Earthfile:11 SAVE ARTIFACT /out/docs docs/']);
    // The target part of an artifact reference is the target.
    assert.deepEqual(definitions(at('COPY ./services/api+build/api', 'COPY ./services/api+bu$0ild/api')), ['services/api/Earthfile:3 build']);
  });

  test(`overrides lead to the callee's ARG, in whichever file (${label})`, () => {
    assert.deepEqual(definitions(at('--TAG=1', '--T$0AG=1')), ['services/api/Earthfile:4 TAG']);
    assert.deepEqual(definitions(at('--GO_VERSION=1.22', '--GO_VER$0SION=1.22')), ['lib/Earthfile:5 GO_VERSION']);
    assert.deepEqual(definitions(at('--TAG=2', '--TA$0G=2')), ['services/api/Earthfile:4 TAG']);
  });

  test(`variables: ARG, LET (and its SET), global ARG, FOR (${label})`, () => {
    assert.deepEqual(definitions(at('echo $VERSION', 'echo $VER$0SION')), ['Earthfile:7 VERSION']);
    assert.deepEqual(definitions(at('${NAME}', '${NA$0ME}')), ['Earthfile:8 NAME']);
    assert.deepEqual(definitions(at('SET NAME', 'SET NA$0ME')), ['Earthfile:8 NAME']);
    assert.deepEqual(definitions(at('$REGISTRY/app', '$REGI$0STRY/app')), ['Earthfile:4 REGISTRY']);
    assert.deepEqual(definitions(at('echo $dir', 'echo $d$0ir')), ['Earthfile:21 dir']);
  });

  test(`an ENV that FROM +target brings in, in another Earthfile (${label})`, () => {
    const files = { ...FILES, 'base/Earthfile': 'VERSION 0.8\nimage:\n    FROM alpine\n    ENV GOFLAGS=-mod=vendor\n' };
    const text = 'VERSION 0.8\nbuild:\n    FROM ./base+image\n    RUN go build $GOF$0LAGS\n';
    assert.deepEqual(definitions({ text, files, eol }), ['base/Earthfile:4 GOFLAGS']);
  });

  test(`feature flags: a command, a flag or a builtin ARG leads to the VERSION that turns it on (${label})`, () => {
    assert.deepEqual(definitions({ text: 'VERSION --try 0.8\nbuild:\n    TR$0Y\n        RUN true\n    END\n', eol }), ['Earthfile:1 --try']);
    assert.deepEqual(definitions({ text: 'VERSION 0.8\nbuild:\n    COPY --ch$0mod=0755 a b\n', eol }), ['Earthfile:1 0.8']);
    assert.deepEqual(definitions({ text: 'VERSION 0.8\nbuild:\n    RUN echo $EARTHLY_GIT_RE$0FS\n', eol }), ['Earthfile:1 0.8']);
    assert.deepEqual(definitions({ text: 'VERSION 0.6\nbuild:\n    WA$0IT\n    END\n', eol }), []);
  });

  test(`remote, dynamic and missing references lead nowhere (${label})`, () => {
    assert.deepEqual(definitions(at('github.com/earthly/lib+hello', 'github.com/earthly/lib+hel$0lo')), []);
    assert.deepEqual(definitions(at('BUILD +build', 'BUILD +nowh$0ere')), []);
    assert.deepEqual(definitions(at('BUILD +build', 'BUILD ./missing+bu$0ild')), []);
    assert.deepEqual(definitions({ text: 'VERSION 0.8\nbuild:\n    ARG T=+x\n    BUILD +$0$T\n', eol }), ['Earthfile:3 T']);
    assert.deepEqual(definitions({ text: 'VERSION 0.8\n# no$0t a name\nbuild:\n    RUN true\n', eol }), []);
  });

  test(`declaration answers as definition (${label})`, () => {
    const opened = openWorkspace(at('./services/api+build --TAG', './services/api+bu$0ild --TAG'));
    const declared = opened.service.declaration(opened.uri, opened.position).map((l) => place(opened, l.uri, l.range));
    assert.deepEqual(declared, ['services/api/Earthfile:3 build']);
  });
}

test('an unsaved document resolves its own names only', () => {
  const opened = openWorkspace({ text: 'VERSION 0.8\nbuild:\n    FROM alpine\nall:\n    BUILD +bu$0ild\n    BUILD ./lib+x\n' });
  const uri = 'untitled:Untitled-1';
  opened.service.openDocument(uri, 1, opened.text);
  const [location] = opened.service.definition(uri, opened.position);
  assert.equal(location.uri, uri);
  assert.deepEqual(location.range.start, { line: 1, character: 0 });
  assert.deepEqual(opened.service.definition(uri, { line: 5, character: 16 }), []);
});
