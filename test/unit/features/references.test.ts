// Find references and document highlight: targets and functions across Earthfiles (`+t`, `./dir+t`,
// `../x+t`, `alias+t`, `+t/artifact`), ARGs with the overrides that set them from other files, global
// ARGs, LET with its SETs, IMPORT aliases. Each fixture with `\n` and `\r\n`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, type Fixture } from './cursor';
import { highlights, references } from './navigation';

const FILES = {
  'lib/Earthfile': `VERSION 0.8
ARG --global GO_VERSION=1.22
SETUP:
    FUNCTION
    ARG STRICT=false
    RUN echo $STRICT \${GO_VERSION}
lint:
    ARG GO_VERSION=1.21
    FROM golang:$GO_VERSION
`,
  'services/api/Earthfile': `VERSION 0.8
IMPORT ../../lib AS lib
build:
    ARG TAG=latest
    FROM alpine
    DO lib+SETUP --STRICT=true
    SAVE ARTIFACT /out/api api
docker:
    FROM +build
    COPY +build/api ./
    DO ../../lib+SETUP
`,
  'services/web/Earthfile': `VERSION 0.8
IMPORT ../../lib AS tools
build:
    DO tools+SETUP --STRICT=1 --GO_VERSION=1.23
    BUILD ../api+build --TAG=web
    BUILD tools+lint --GO_VERSION=1.20
`,
};

const ROOT = `VERSION 0.8
IMPORT ./lib AS lib
all:
    BUILD ./services/api+build --TAG=1
    BUILD ./services/api+docker
    DO lib+SETUP
    LET N=1
    SET N=2
    RUN echo $N \\$N
    # $N in a comment is not a use
`;

for (const { label, eol } of EOLS) {
  const at = (marker: string, replacement: string): Fixture => {
    assert.ok(ROOT.includes(marker), `${marker} is in the fixture`);
    return { text: ROOT.replace(marker, () => replacement), files: FILES, eol };
  };

  test(`a target: its header and every reference across the workspace, artifacts included (${label})`, () => {
    const expected = [
      'Earthfile:4 build',
      'services/api/Earthfile:10 build',
      'services/api/Earthfile:3 build',
      'services/api/Earthfile:9 build',
      'services/web/Earthfile:5 build',
    ];
    assert.deepEqual(references(at('./services/api+build --TAG', './services/api+bu$0ild --TAG')), expected);
    assert.deepEqual(references(at('./services/api+build --TAG', './services/api+bu$0ild --TAG'), false), expected.filter((e) => e !== 'services/api/Earthfile:3 build'));
  });

  test(`a function through two different aliases and a path (${label})`, () => {
    assert.deepEqual(references(at('DO lib+SETUP', 'DO lib+SE$0TUP')), [
      'Earthfile:6 SETUP',
      'lib/Earthfile:3 SETUP',
      'services/api/Earthfile:11 SETUP',
      'services/api/Earthfile:6 SETUP',
      'services/web/Earthfile:4 SETUP',
    ]);
  });

  test(`an ARG: its declaration and the overrides that set it from other files (${label})`, () => {
    assert.deepEqual(references(at('--TAG=1', '--TA$0G=1')), ['Earthfile:4 TAG', 'services/api/Earthfile:4 TAG', 'services/web/Earthfile:5 TAG']);
  });

  test(`a global ARG: uses in recipes that do not redeclare it, overrides to those recipes (${label})`, () => {
    // lint declares its own GO_VERSION: its use and the override to it are another ARG's.
    assert.deepEqual(references(at('DO lib+SETUP', 'DO lib+SETUP --GO_VER$0SION=1.24')), [
      'Earthfile:6 GO_VERSION',
      'lib/Earthfile:2 GO_VERSION',
      'lib/Earthfile:6 GO_VERSION',
      'services/web/Earthfile:4 GO_VERSION',
    ]);
  });

  test(`a LET and its SET; escaped and commented uses are not uses (${label})`, () => {
    assert.deepEqual(references(at('LET N=1', 'LET $0N=1')), ['Earthfile:7 N', 'Earthfile:8 N', 'Earthfile:9 N']);
    assert.deepEqual(highlights(at('LET N=1', 'LET $0N=1')), ['7 N Write', '8 N Write', '9 N Read']);
  });

  test(`an IMPORT alias: its IMPORT and the references written with it, in its file only (${label})`, () => {
    assert.deepEqual(references(at('DO lib+SETUP', 'DO l$0ib+SETUP')), ['Earthfile:2 lib', 'Earthfile:6 lib']);
  });

  test(`document highlight: the document's own places, cross-file names included (${label})`, () => {
    assert.deepEqual(highlights(at('./services/api+build --TAG', './services/api+bu$0ild --TAG')), ['4 build Read']);
    assert.deepEqual(highlights(at('--TAG=1', '--TA$0G=1')), ['4 TAG Write']);
    assert.deepEqual(highlights(at('all:', 'a$0ll:')), ['3 all Write']);
    const sameFile = 'VERSION 0.8\nbuild:\n    SAVE ARTIFACT x\nall:\n    BUILD +bu$0ild\n    COPY +build/x ./\n';
    assert.deepEqual(highlights({ text: sameFile, eol }), ['2 build Write', '5 build Read', '6 build Read']);
  });

  test(`nothing at positions that name nothing (${label})`, () => {
    assert.deepEqual(references(at('# $N in', '# $$0N in')), []);
    assert.deepEqual(references(at('VERSION 0.8', 'VERSION 0.$08')), []);
    assert.deepEqual(highlights(at('RUN echo', 'R$0UN echo')), []);
  });
}
