// Document links: the directory part of references and IMPORT paths open that Earthfile (when it
// exists); remote references open their Earthfile on the web. Each fixture with `\n` and `\r\n`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { remoteEarthfileUrl } from '../../../server/src/language/gitHosts';
import { pathToUri } from '../../../server/src/uri';
import { EOLS, openDocument, type Fixture } from './cursor';
import { textOf } from './structureChecks';

const FILES = {
  '/ws/services/api/Earthfile': 'VERSION 0.8\nbuild:\n',
  '/ws/lib/build.earth': 'VERSION 0.8\nSETUP:\n    FUNCTION\n',
  '/shared/Earthfile': 'VERSION 0.8\nt:\n',
};

/** Each link as `linked text -> target`. */
function links(fixture: Fixture): string[] {
  const { service, uri, text, lines } = openDocument(fixture);
  return service.documentLinks(uri).map((l) => `${textOf(text, lines, l.range)} -> ${l.target}`);
}

const uriOf = (p: string) => pathToUri(path.resolve(p));

for (const { label, eol } of EOLS) {
  test(`local references and IMPORT paths link to the Earthfile of their directory (${label})`, () => {
    const text = `VERSION 0.8
IMPORT ./lib
IMPORT ./services/api AS api
build:
    BUILD ./services/api+build
    COPY (./services/api+build/out --X=1) ./
    FROM ../shared+t
    DO ./lib+SETUP
    BUILD ./missing+build
    BUILD +local
    BUILD api+build
    WITH DOCKER --load img=./services/api+build
    END
`;
    assert.deepEqual(links({ text, eol, files: FILES }), [
      `./lib -> ${uriOf('/ws/lib/build.earth')}`,
      `./services/api -> ${uriOf('/ws/services/api/Earthfile')}`,
      `./services/api -> ${uriOf('/ws/services/api/Earthfile')}`,
      `./services/api -> ${uriOf('/ws/services/api/Earthfile')}`,
      `../shared -> ${uriOf('/shared/Earthfile')}`,
      `./lib -> ${uriOf('/ws/lib/build.earth')}`,
      `./services/api -> ${uriOf('/ws/services/api/Earthfile')}`,
    ]);
    const { service, uri } = openDocument({ text, eol, files: FILES });
    assert.deepEqual(service.documentLinks(uri).map((l) => l.tooltip).slice(0, 5), [
      'Open lib/build.earth',
      'Open services/api/Earthfile',
      'Open services/api/Earthfile',
      'Open services/api/Earthfile',
      'Open ../shared/Earthfile',
    ]);
  });

  test(`remote references and IMPORTs link to their Earthfile on the web; variables get no link (${label})`, () => {
    const text = `VERSION 0.8
IMPORT github.com/earthly/lib/utils/dind:3.0.1 AS dind
build:
    BUILD github.com/acme/app+build
    COPY gitlab.com/group/proj/sub:feature/x+t/out ./
    FROM bitbucket.org/team/repo:abc123+base
    BUILD git.example.com/a/b+t
    BUILD ./$DIR+build
    BUILD github.com/acme/$REPO+build
`;
    assert.deepEqual(links({ text, eol, files: FILES }), [
      'github.com/earthly/lib/utils/dind:3.0.1 -> https://github.com/earthly/lib/blob/3.0.1/utils/dind/Earthfile',
      'github.com/acme/app -> https://github.com/acme/app/blob/HEAD/Earthfile',
      'gitlab.com/group/proj/sub:feature/x -> https://gitlab.com/group/proj/-/blob/feature/x/sub/Earthfile',
      'bitbucket.org/team/repo:abc123 -> https://bitbucket.org/team/repo/src/abc123/Earthfile',
    ]);
    const { service, uri } = openDocument({ text, eol });
    assert.equal(service.documentLinks(uri)[1].tooltip, 'github.com/acme/app is remote: open its Earthfile on the web');
  });
}

test('an untitled document links only remote references; a document that is not open has no links', () => {
  const { service } = openDocument({ text: '' });
  service.openDocument('untitled:Untitled-1', 1, 'VERSION 0.8\nb:\n    BUILD ./services/api+build\n    BUILD github.com/a/b+t\n');
  assert.deepEqual(service.documentLinks('untitled:Untitled-1').map((l) => l.target), ['https://github.com/a/b/blob/HEAD/Earthfile']);
  assert.deepEqual(service.documentLinks('file:///nowhere/Earthfile'), []);
});

test('web pages of remote Earthfiles: known hosts only, parts escaped', () => {
  assert.equal(remoteEarthfileUrl('github.com/o/r', undefined), 'https://github.com/o/r/blob/HEAD/Earthfile');
  assert.equal(remoteEarthfileUrl('github.com/o/r.git/d', 'v1'), 'https://github.com/o/r/blob/v1/d/Earthfile');
  assert.equal(remoteEarthfileUrl('GitHub.com/o/r', 'a b'), 'https://github.com/o/r/blob/a%20b/Earthfile');
  assert.equal(remoteEarthfileUrl('bitbucket.com/o/r', ''), 'https://bitbucket.org/o/r/src/HEAD/Earthfile');
  assert.equal(remoteEarthfileUrl('github.com/o', 'v1'), undefined);
  assert.equal(remoteEarthfileUrl('example.com/o/r', 'v1'), undefined);
  assert.equal(remoteEarthfileUrl('constructor/o/r', 'v1'), undefined);
});
