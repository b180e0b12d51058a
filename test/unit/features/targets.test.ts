import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../server/src/analysis/analyze';
import { imageHost } from '../../../server/src/analysis/imageHost';
import { WorkspaceIndex } from '../../../server/src/analysis/workspaceIndex';
import { pathToUri } from '../../../server/src/uri';
import { MAX_TARGET_FILES, requestedUris, TargetLister } from '../../../server/src/features/targets';
import type { TargetSummary } from '../../../shared/src/protocol';
import { REPO_ROOT } from '../../harness/paths';
import { memoryFs } from '../analysis/memoryFs';
import { ALL_CASES } from '../checks/cases';

const P = (p: string) => path.resolve(p);
const uriOf = (p: string) => pathToUri(P(p));

/** The targets of `/ws/Earthfile` (or of `at`) in a workspace of the given files, read through the workspace index. */
function targetsIn(files: Record<string, string>, at = '/ws/Earthfile'): TargetSummary[] {
  const index = new WorkspaceIndex(memoryFs(files), analyzeText);
  return [...new TargetLister(index).targetsOf(uriOf(at)).targets];
}

const byName = (targets: readonly TargetSummary[]) => new Map(targets.map((t) => [t.name, t]));

for (const eol of ['\n', '\r\n']) {
  const label = eol === '\n' ? 'LF' : 'CRLF';
  const fx = (s: string) => s.replace(/\n/g, eol);
  /** The targets of one Earthfile given as a string. */
  const targets = (text: string) => targetsIn({ '/ws/Earthfile': fx(text) });
  /** The targets of `/ws/Earthfile` among several files given as strings. */
  const workspace = (files: Record<string, string>, at?: string) =>
    targetsIn(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, fx(t)])), at);

  test(`targets are listed with their 0-based header line; functions and duplicates are not (${label})`, () => {
    const listed = targets(`VERSION 0.8
FROM alpine

build:
    RUN true

SETUP:
    FUNCTION
    RUN true
test:
    RUN true
build:
    RUN false
`);
    assert.deepEqual(
      listed.map((t) => [t.name, t.line]),
      [
        ['build', 3],
        ['test', 9],
      ],
    );
  });

  test(`doc is the comment block right above the header, without the # markers (${label})`, () => {
    const t = byName(
      targets(`VERSION 0.8
# Builds the app.
#   Indented detail stays indented.
build:
    RUN true
    # A comment at the end of build's recipe.
# Runs the tests.
test:
    RUN true
# Separated by a blank line.

lint:
    RUN true
#
empty:
    RUN true
`),
    );
    assert.equal(t.get('build')?.doc, 'Builds the app.\n  Indented detail stays indented.');
    assert.equal(t.get('test')?.doc, 'Runs the tests.');
    assert.equal(t.get('lint')?.doc, undefined);
    assert.equal('doc' in t.get('lint')!, false);
    assert.equal(t.get('empty')?.doc, undefined);
  });

  test(`args: required first, then declaration order, with the globals the target sees (${label})`, () => {
    const t = byName(
      targets(`VERSION 0.8
ARG --global REGISTRY=myreg.azurecr.io
ARG --global --required ENVIRONMENT
ARG LOCAL_TO_BASE=1
ARG --global SHADOWED=global
build:
    ARG VARIANT=release
    ARG --required TAG
    ARG EMPTY=
    ARG NO_DEFAULT
    ARG SHADOWED=own
    ARG TARGETPLATFORM
    IF true
        ARG --required IN_BLOCK="a b"
    END
    ARG VARIANT=again
`),
    );
    assert.deepEqual(t.get('build')?.args, [
      { name: 'ENVIRONMENT', required: true, global: true },
      { name: 'TAG', required: true, global: false },
      { name: 'IN_BLOCK', required: true, defaultValue: '"a b"', global: false },
      { name: 'REGISTRY', required: false, defaultValue: 'myreg.azurecr.io', global: true },
      { name: 'VARIANT', required: false, defaultValue: 'release', global: false },
      { name: 'EMPTY', required: false, defaultValue: '', global: false },
      { name: 'NO_DEFAULT', required: false, global: false },
      { name: 'SHADOWED', required: false, defaultValue: 'own', global: false },
    ]);
  });

  test(`args: before VERSION 0.7 every base ARG is global (${label})`, () => {
    const [t] = targets(`VERSION 0.6
ARG BASE_ARG=$HOME
build:
    RUN true
`);
    assert.deepEqual(t.args, [{ name: 'BASE_ARG', required: false, defaultValue: '$HOME', global: true }]);
  });

  test(`pushes: SAVE IMAGE --push only, in the target or a function it calls (${label})`, () => {
    const t = byName(
      targets(`VERSION 0.8
pushed:
    FROM alpine
    SAVE IMAGE --push myreg.azurecr.io/app:latest
tagged:
    FROM alpine
    SAVE IMAGE app:latest
run-push:
    FROM alpine
    RUN --push echo deploy
calls:
    FROM alpine
    DO +PUBLISH
PUBLISH:
    FUNCTION
    IF true
        SAVE IMAGE --push myreg.azurecr.io/fn
    END
`),
    );
    assert.equal(t.get('pushed')?.pushes, true);
    assert.equal(t.get('tagged')?.pushes, false);
    assert.equal(t.get('run-push')?.pushes, false);
    assert.equal(t.get('calls')?.pushes, true);
  });

  const PUSHER = `VERSION 0.8
image:
    FROM myreg.azurecr.io/base:1
    SAVE IMAGE --push localhost:5000/svc
quiet:
    FROM alpine
`;

  test(`pushes: through BUILD across Earthfiles, not through FROM or COPY since 0.6 (${label})`, () => {
    const t = byName(
      workspace({
        '/ws/Earthfile': `VERSION 0.8
IMPORT ./svc AS svc
all:
    BUILD ./svc+image
via-import:
    BUILD svc+image
via-from:
    FROM ./svc+image
via-copy:
    FROM alpine
    COPY ./svc+image/out ./
chain:
    BUILD +via-from
build-chain:
    BUILD +all
quiet:
    BUILD ./svc+quiet
`,
        '/ws/svc/Earthfile': PUSHER,
      }),
    );
    assert.equal(t.get('all')?.pushes, true);
    assert.equal(t.get('via-import')?.pushes, true);
    assert.equal(t.get('via-from')?.pushes, false);
    assert.equal(t.get('via-copy')?.pushes, false);
    assert.equal(t.get('chain')?.pushes, false);
    assert.equal(t.get('build-chain')?.pushes, true);
    assert.equal(t.get('quiet')?.pushes, false);
    // Pulls still count through FROM and COPY; the hosts of pushes that do not happen do not.
    assert.deepEqual(t.get('all')?.registries, ['localhost:5000', 'myreg.azurecr.io']);
    assert.deepEqual(t.get('via-from')?.registries, ['myreg.azurecr.io']);
    assert.deepEqual(t.get('via-copy')?.registries, ['docker.io', 'myreg.azurecr.io']);
    assert.deepEqual(t.get('chain')?.registries, ['myreg.azurecr.io']);
  });

  test(`pushes: through a function of another Earthfile; not from the base recipe, reached by an implicit FROM (${label})`, () => {
    const t = byName(
      workspace({
        '/ws/Earthfile': `VERSION 0.8
IMPORT ./lib
FROM alpine
SAVE IMAGE --push base.example.com/base
release:
    DO lib+PUBLISH
plain:
    RUN true
`,
        '/ws/lib/Earthfile': `VERSION 0.8
PUBLISH:
    FUNCTION
    BUILD ../svc+image
`,
        '/ws/svc/Earthfile': PUSHER,
      }),
    );
    assert.equal(t.get('release')?.pushes, true);
    assert.deepEqual(t.get('release')?.registries, ['docker.io', 'localhost:5000', 'myreg.azurecr.io']);
    assert.equal(t.get('plain')?.pushes, false);
    assert.deepEqual(t.get('plain')?.registries, ['docker.io']);
  });

  test(`pushes: before VERSION 0.6 FROM and COPY pass pushes on (${label})`, () => {
    const t = byName(
      workspace({
        '/ws/Earthfile': `VERSION 0.5
via-from:
    FROM ../ws/svc+image
via-copy:
    FROM alpine
    COPY ./svc+image/out ./
`,
        '/ws/svc/Earthfile': PUSHER,
      }),
    );
    assert.equal(t.get('via-from')?.pushes, true);
    assert.equal(t.get('via-copy')?.pushes, true);
  });

  test(`registries: hosts by the docker reference rules, pulled or pushed (${label})`, () => {
    const t = byName(
      targets(`VERSION 0.8
ARG --global REGISTRY=myreg.azurecr.io
FROM golang:1.22
hub:
    FROM alpine:3.19
acr:
    FROM myreg.azurecr.io/base:1
    SAVE IMAGE --push localhost:5000/app other.example.com/app
    SAVE IMAGE not-pushed.example.com/app
variable:
    FROM $REGISTRY/base
    SAVE IMAGE --push \${REGISTRY}/app
own-arg:
    ARG REGISTRY="mine.azurecr.io"
    FROM $REGISTRY/base
unknown:
    ARG HOST=$(echo x)
    FROM $HOST/base
    FROM $UNDECLARED/base
docker:
    FROM earthly/dind:alpine
    WITH DOCKER --pull quay.io/org/db:1 --load app:latest=+hub
        RUN docker run app:latest
    END
scratch:
    FROM scratch
`),
    );
    // Every target starts from the base recipe, which pulls golang from Docker Hub.
    assert.deepEqual(t.get('hub')?.registries, ['docker.io']);
    assert.deepEqual(t.get('acr')?.registries, ['docker.io', 'localhost:5000', 'myreg.azurecr.io', 'other.example.com']);
    // Hosts named by an ARG count with the ARG's default; variables with no literal default are unknown.
    assert.deepEqual(t.get('variable')?.registries, ['docker.io', 'myreg.azurecr.io']);
    assert.deepEqual(t.get('own-arg')?.registries, ['docker.io', 'mine.azurecr.io']);
    assert.deepEqual(t.get('unknown')?.registries, ['docker.io']);
    assert.deepEqual(t.get('docker')?.registries, ['docker.io', 'quay.io']);
    assert.deepEqual(t.get('scratch')?.registries, ['docker.io']);
  });

  test(`registries: through BUILD, FROM and COPY across Earthfiles; remote references are not followed (${label})`, () => {
    const t = byName(
      workspace({
        '/ws/Earthfile': `VERSION 0.8
IMPORT ./lib AS lib
IMPORT github.com/earthly/lib:3.0 AS remote
all:
    FROM scratch
    BUILD ./svc+image
    COPY lib+dist/out ./
    BUILD remote+x
    BUILD github.com/o/r+t
    BUILD ./missing+t
    BUILD ./svc+nope
    BUILD +$DYNAMIC
`,
        '/ws/svc/Earthfile': PUSHER,
        '/ws/lib/Earthfile': `VERSION 0.8
dist:
    FROM ghcr.io/org/builder
`,
      }),
    );
    assert.deepEqual(t.get('all')?.registries, ['ghcr.io', 'localhost:5000', 'myreg.azurecr.io']);
    assert.equal(t.get('all')?.pushes, true);
  });

  test(`cycles across Earthfiles end, and every target of the cycle sees all of it (${label})`, () => {
    const files = {
      '/ws/Earthfile': `VERSION 0.8
a:
    FROM a.example.com/a
    BUILD ./b+b
self:
    BUILD +self
    SAVE IMAGE --push self.example.com/x
`,
      '/ws/b/Earthfile': `VERSION 0.8
b:
    FROM b.example.com/b
    BUILD ../+a
    BUILD +c
c:
    FROM ../+a
    SAVE IMAGE --push c.example.com/c
`,
    };
    const root = byName(workspace(files));
    assert.deepEqual(root.get('a')?.registries, ['a.example.com', 'b.example.com', 'c.example.com']);
    assert.equal(root.get('a')?.pushes, true);
    assert.deepEqual(root.get('self')?.registries, ['self.example.com']);
    assert.equal(root.get('self')?.pushes, true);
    const b = byName(workspace(files, '/ws/b/Earthfile'));
    assert.deepEqual(b.get('b')?.registries, ['a.example.com', 'b.example.com', 'c.example.com']);
    // c reaches a (and through it b and c again) only through FROM; its own push still counts.
    assert.equal(b.get('c')?.pushes, true);
    assert.deepEqual(b.get('c')?.registries, ['a.example.com', 'b.example.com', 'c.example.com']);
  });
}

test('a push reached only through FROM does not count, even when the target is also reached through BUILD elsewhere', () => {
  // `both` reaches `pusher` twice: through FROM (pushes off) and through BUILD (pushes on).
  const t = byName(
    targetsIn({
      '/ws/Earthfile': `VERSION 0.8
pusher:
    FROM alpine
    SAVE IMAGE --push r.example.com/p
from-only:
    FROM +pusher
both:
    FROM +pusher
    BUILD +pusher
`,
    }),
  );
  assert.equal(t.get('from-only')?.pushes, false);
  assert.equal(t.get('both')?.pushes, true);
});

test('missing and unreadable files give an entry with no targets', () => {
  const index = new WorkspaceIndex(memoryFs({}), analyzeText);
  const lister = new TargetLister(index);
  for (const uri of [uriOf('/ws/none/Earthfile'), 'file://remote-host/x/Earthfile', 'untitled:Untitled-1', 'not a uri', '']) {
    assert.deepEqual(lister.targetsOf(uri), { uri, targets: [] });
  }
});

test('an open document is read as it is in the editor, untitled ones too', () => {
  const fs = memoryFs({ '/ws/Earthfile': 'VERSION 0.8\nold:\n    RUN true\n' });
  const index = new WorkspaceIndex(fs, analyzeText);
  index.openDocument(uriOf('/ws/Earthfile'), 2, 'VERSION 0.8\nnew:\n    BUILD ./svc+t\n');
  index.openDocument('untitled:Untitled-1', 1, 'VERSION 0.8\n# Draft.\ndraft:\n    FROM alpine\n    BUILD ./svc+t\n');
  fs.files.set(P('/ws/svc/Earthfile'), 'VERSION 0.8\nt:\n    SAVE IMAGE --push x.example.com/t\n');
  const lister = new TargetLister(index);
  assert.deepEqual(
    lister.targetsOf(uriOf('/ws/Earthfile')).targets.map((t) => [t.name, t.pushes]),
    [['new', true]],
  );
  // An untitled document has no directory, so its references to other Earthfiles resolve to nothing.
  assert.deepEqual(lister.targetsOf('untitled:Untitled-1').targets, [
    { name: 'draft', line: 2, doc: 'Draft.', args: [], pushes: false, registries: ['docker.io'] },
  ]);
});

test('requestedUris keeps each string once, up to the cap, and ignores bad input', () => {
  assert.deepEqual(requestedUris(['a', 'b', 'a', 3, null]), ['a', 'b']);
  assert.deepEqual(requestedUris(undefined), []);
  assert.deepEqual(requestedUris('file:///x'), []);
  const many = Array.from({ length: MAX_TARGET_FILES + 5 }, (_, i) => `file:///w/${i}/Earthfile`);
  assert.equal(requestedUris(many).length, MAX_TARGET_FILES);
});

test('imageHost follows the docker reference rules', () => {
  const cases: [string, string | undefined][] = [
    ['alpine', 'docker.io'],
    ['alpine:3.19', 'docker.io'],
    ['library/alpine@sha256:abc', 'docker.io'],
    ['earthly/dind:alpine', 'docker.io'],
    ['docker.io/library/alpine', 'docker.io'],
    ['index.docker.io/library/alpine', 'docker.io'],
    ['myreg.azurecr.io/app:1', 'myreg.azurecr.io'],
    ['localhost/app', 'localhost'],
    ['localhost:5000/app', 'localhost:5000'],
    ['"ghcr.io/org/app"', 'ghcr.io'],
    ['golang:${GO_VERSION}-alpine', 'docker.io'],
    ['org/$IMAGE', 'docker.io'],
    ['$REGISTRY/app', undefined],
    ['${REGISTRY}/app', undefined],
    ['${REGISTRY:-myreg.azurecr.io}/app', undefined],
    ['$IMAGE', undefined],
    ['$IMAGE:latest', undefined],
    ['scratch', undefined],
    ['', undefined],
  ];
  for (const [image, host] of cases) assert.equal(imageHost(image), host, image);
  const known = (name: string) => ({ REGISTRY: 'myreg.azurecr.io', PORT: '5000' })[name];
  assert.equal(imageHost('$REGISTRY/app', known), 'myreg.azurecr.io');
  assert.equal(imageHost('${REGISTRY}/app:1', known), 'myreg.azurecr.io');
  assert.equal(imageHost('localhost:${PORT}/app', known), 'localhost:5000');
  assert.equal(imageHost('${REGISTRY:-x.io}/app', known), undefined);
  assert.equal(imageHost('$OTHER/app', known), undefined);
});

test('every rule case and valid fixture is listed without throwing, with well-formed summaries', () => {
  const texts = ALL_CASES.flatMap((c) => [
    { files: { ...c.files, '/w/Earthfile': c.bad }, name: `${c.code} bad` },
    { files: { ...c.files, '/w/Earthfile': c.good }, name: `${c.code} good` },
  ]);
  const validDir = path.join(REPO_ROOT, 'test', 'fixtures', 'valid');
  for (const name of readdirSync(validDir)) {
    texts.push({ files: { '/w/Earthfile': readFileSync(path.join(validDir, name), 'utf8') }, name });
  }
  for (const { files, name } of texts) {
    const listed = targetsIn(files, '/w/Earthfile');
    for (const t of listed) {
      assert.ok(Number.isInteger(t.line) && t.line >= 0, name);
      assert.ok(t.registries.every((r) => r.length > 0 && !r.includes('$')), name);
      assert.equal(new Set(t.args.map((a) => a.name)).size, t.args.length, name);
    }
  }
});

test('a cycle of 12,000 targets across two Earthfiles is answered without deep recursion', () => {
  const length = 6_000;
  const chain = (prefix: string, other: string) =>
    'VERSION 0.8\n' +
    Array.from({ length }, (_, i) => `${prefix}${i}:\n    BUILD ${i === 0 ? `${other}+last` : `+${prefix}${i - 1}`}\n`).join('') +
    `last:\n    BUILD +${prefix}${length - 1}\n    SAVE IMAGE --push r${prefix}.example.com/x\n`;
  const index = new WorkspaceIndex(memoryFs({ '/ws/Earthfile': chain('a', './b'), '/ws/b/Earthfile': chain('b', '..') }), analyzeText);
  const targets = new TargetLister(index).targetsOf(uriOf('/ws/Earthfile')).targets;
  assert.equal(targets.length, length + 1);
  assert.ok(targets.every((t) => t.pushes && t.registries.join() === 'ra.example.com,rb.example.com'));
});
