// Rename and prepareRename: a target, a function, an ARG with its overrides, a LET, an IMPORT alias
// (written or taken from the path) across Earthfiles; and the refusals: names Earthly would reject,
// names already taken, remote references, builtins, ENV. Each fixture with `\n` and `\r\n`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, type Fixture } from './cursor';
import { prepareRename, rename } from './navigation';

const FILES = {
  'lib/Earthfile': `VERSION 0.8
SETUP:
    FUNCTION
    ARG STRICT=false
    RUN echo "$STRICT" \${STRICT:-no}
`,
  'services/api/Earthfile': `VERSION 0.8
IMPORT ../../lib AS lib
build:
    ARG TAG=latest
    DO lib+SETUP --STRICT=true
    SAVE ARTIFACT /out/api api
    SAVE IMAGE api:$TAG
test:
    FROM +build
`,
};

const ROOT = `VERSION 0.8
IMPORT ./lib
IMPORT github.com/earthly/lib:3.0.1 AS remote
all:
    BUILD ./services/api+build --TAG=1
    COPY (./services/api+build/api --TAG=2) ./
    DO lib+SETUP --STRICT=yes
    DO remote+INSTALL --VERSION=1
    ARG --required PLATFORM
    LET N=1
    SET N=2
    ENV HOME_DIR=/root
    RUN echo $N $TARGETARCH $HOME_DIR
`;

for (const { label, eol } of EOLS) {
  const at = (marker: string, replacement: string): Fixture => {
    assert.ok(ROOT.includes(marker), `${marker} is in the fixture`);
    return { text: ROOT.replace(marker, () => replacement), files: FILES, eol };
  };
  const fx = (text: string) => text.replace(/\n/g, eol);

  test(`a target: its header and references in every file, artifact references included (${label})`, () => {
    const edited = rename(at('./services/api+build --TAG', './services/api+bu$0ild --TAG'), 'compile');
    assert.deepEqual(edited, {
      Earthfile: fx(ROOT.replace('api+build --TAG=1', 'api+compile --TAG=1').replace('api+build/api', 'api+compile/api')),
      'services/api/Earthfile': fx(FILES['services/api/Earthfile'].replace('build:', 'compile:').replace('FROM +build', 'FROM +compile')),
    });
    assert.equal(prepareRename(at('./services/api+build --TAG', './serv$0ices/api+build --TAG')), 'Earthfile:5 build (build)');
  });

  test(`a function through an alias taken from the IMPORT path (${label})`, () => {
    const edited = rename(at('DO lib+SETUP', 'DO lib+SET$0UP'), 'INSTALL_TOOLS');
    assert.deepEqual(Object.keys(edited).sort(), ['Earthfile', 'lib/Earthfile', 'services/api/Earthfile']);
    assert.ok(typeof edited === 'object' && edited['lib/Earthfile'].startsWith(fx('VERSION 0.8\nINSTALL_TOOLS:\n')));
  });

  test(`an ARG: declaration, uses and the overrides of every caller (${label})`, () => {
    const edited = rename(at('--STRICT=yes', '--STR$0ICT=yes'), 'STRICT_MODE');
    assert.deepEqual(edited, {
      Earthfile: fx(ROOT.replace('--STRICT=yes', '--STRICT_MODE=yes')),
      'lib/Earthfile': fx(FILES['lib/Earthfile'].replace(/STRICT\b/g, 'STRICT_MODE')),
      'services/api/Earthfile': fx(FILES['services/api/Earthfile'].replace('--STRICT=true', '--STRICT_MODE=true')),
    });
    assert.equal(prepareRename(at('--STRICT=yes', '--STR$0ICT=yes')), 'Earthfile:7 STRICT (STRICT)');
  });

  test(`a LET with its SET, from a use (${label})`, () => {
    const edited = rename(at('echo $N', 'echo $$0N'), 'COUNT');
    assert.deepEqual(edited, { Earthfile: fx(ROOT.replace('LET N=1', 'LET COUNT=1').replace('SET N=2', 'SET COUNT=2').replace('echo $N', 'echo $COUNT')) });
  });

  test(`an IMPORT alias taken from the path gets an AS; a written one is replaced (${label})`, () => {
    assert.deepEqual(rename(at('DO lib+SETUP', 'DO l$0ib+SETUP'), 'common'), {
      Earthfile: fx(ROOT.replace('IMPORT ./lib', 'IMPORT ./lib AS common').replace('DO lib+SETUP', 'DO common+SETUP')),
    });
    assert.equal(prepareRename(at('IMPORT ./lib', 'IMPORT ./l$0ib')), 'Earthfile:2 ./lib (lib)');
    // Renaming the alias of a remote IMPORT changes only this file: the remote reference stays as it is.
    assert.deepEqual(rename(at('DO remote+INSTALL', 'DO rem$0ote+INSTALL'), 'earthly'), {
      Earthfile: fx(ROOT.replace('AS remote', 'AS earthly').replace('DO remote+INSTALL', 'DO earthly+INSTALL')),
    });
  });

  test(`names Earthly would reject are refused, saying what a name looks like (${label})`, () => {
    const target = at('./services/api+build --TAG', './services/api+bu$0ild --TAG');
    assert.match(rename(target, 'Compile') as string, /^"Compile" is not a valid target name: it starts with a lowercase letter/);
    assert.match(rename(target, 'com_pile') as string, /not a valid target name/);
    assert.match(rename(target, 'base') as string, /base is the name of the base recipe/);
    assert.match(rename(at('DO lib+SETUP', 'DO lib+SET$0UP'), 'setup') as string, /not a valid function name: it is UPPER_SNAKE/);
    assert.match(rename(at('--STRICT=yes', '--STR$0ICT=yes'), 'STRICT-MODE') as string, /not a valid variable name/);
    assert.match(rename(at('DO lib+SETUP', 'DO l$0ib+SETUP'), 'my/lib') as string, /not a valid IMPORT alias/);
    assert.match(rename(at('DO lib+SETUP', 'DO l$0ib+SETUP'), '') as string, /not a valid IMPORT alias/);
  });

  test(`a name already taken where the name lives is refused (${label})`, () => {
    assert.equal(rename(at('./services/api+build --TAG', './services/api+bu$0ild --TAG'), 'test'), '`./services/api/Earthfile` already has a target test.');
    assert.match(rename(at('LET N=1', 'LET $0N=1'), 'PLATFORM') as string, /already declares PLATFORM where N is seen \(ARG in target all\)/);
    assert.match(rename(at('DO lib+SETUP', 'DO l$0ib+SETUP'), 'remote') as string, /already IMPORTs something AS remote/);
    assert.match(rename(at('LET N=1', 'LET $0N=1'), 'TARGETOS') as string, /TARGETOS is a builtin ARG/);
  });

  test(`remote names, builtins, ENV, artifacts and features are not renamed (${label})`, () => {
    assert.match(rename(at('DO remote+INSTALL', 'DO remote+INST$0ALL'), 'X') as string, /git repository `github.com\/earthly\/lib` at `3.0.1`/);
    assert.match((prepareRename(at('--VERSION=1', '--VERS$0ION=1')) as { refused: string }).refused, /Remote Earthfiles are not checked locally/);
    assert.match(rename(at('$TARGETARCH', '$TARGET$0ARCH'), 'ARCH') as string, /TARGETARCH is a builtin ARG: Earthly sets it/);
    assert.match(rename(at('$HOME_DIR', '$HOME$0_DIR'), 'HOME2') as string, /HOME_DIR is an ENV/);
    assert.match(rename(at('build/api --TAG=2', 'build/a$0pi --TAG=2'), 'bin') as string, /An artifact is named by the SAVE ARTIFACT line/);
    assert.equal(prepareRename(at('RUN echo', 'R$0UN echo')), null);
    assert.match(rename(at('RUN echo', 'R$0UN echo'), 'X') as string, /There is no name to rename here/);
  });

  test(`the same name is no edit (${label})`, () => {
    assert.deepEqual(rename(at('LET N=1', 'LET $0N=1'), 'N'), {});
  });
}
