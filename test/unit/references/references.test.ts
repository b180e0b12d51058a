import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cleanPath,
  hasUnescapedPlus,
  isGroup,
  parseImport,
  parseLoad,
  parseOverrides,
  parseLoadAt,
  parseReference,
  parseReferenceAt,
  parseReferenceWord,
  parseReferenceWordAt,
  splitGroup,
  type Part,
  type Word,
} from '../../../server/src/parser/references';

/** The input text at a part's span, to check that offsets point at what the part names. */
function at(input: string, part: Part | undefined): string {
  assert.ok(part, 'part is missing');
  return input.slice(part.start, part.end);
}

test('local target, function and artifact references', () => {
  const t = parseReference('+build', 'target');
  assert.equal(t.error, undefined);
  assert.deepEqual(t.ref?.earthfile, { kind: 'same' });
  assert.deepEqual(t.ref?.name, { text: 'build', start: 1, end: 6 });
  assert.equal(t.ref?.nameKind, 'target');
  assert.equal(t.ref?.artifact, undefined);

  const f = parseReference('+MY_FN', 'function');
  assert.equal(f.error, undefined);
  assert.equal(f.ref?.nameKind, 'function');

  const a = parseReference('+t/out/bin', 'artifact');
  assert.equal(a.error, undefined);
  assert.deepEqual(a.ref?.name, { text: 't', start: 1, end: 2 });
  assert.deepEqual(a.ref?.artifact, { text: '/out/bin', start: 2, end: 10 });
});

test('any: the case of the first letter tells targets from functions', () => {
  assert.equal(parseReference('+build', 'any').ref?.nameKind, 'target');
  assert.equal(parseReference('./lib+FN', 'any').ref?.nameKind, 'function');
});

test('name regexes', () => {
  for (const good of ['a', 'build-all', 'x.y', 'aB9']) assert.equal(parseReference('+' + good, 'target').error, undefined, good);
  for (const bad of ['Build', 'b_x', '9a', '-a']) assert.match(parseReference('+' + bad, 'target').error ?? '', /does not match/, bad);
  for (const good of ['A', 'MY_FN', 'X.Y9']) assert.equal(parseReference('+' + good, 'function').error, undefined, good);
  for (const bad of ['my', 'My', 'A-B']) assert.match(parseReference('+' + bad, 'function').error ?? '', /does not match/, bad);
  // An invalid name still yields the parts, for navigation and completion.
  assert.equal(parseReference('+Bad', 'target').ref?.name.text, 'Bad');
});

test('relative, absolute and home paths', () => {
  const cases: [string, string, string, string][] = [
    ['./dir+t', './dir', './dir', 'relative'],
    ['../x+t', '../x', '../x', 'relative'],
    ['./a/../b/+t', './a/../b/', './b', 'relative'],
    ['./+t', './', '.', 'relative'],
    ['/abs/./p+t', '/abs/./p', '/abs/p', 'absolute'],
    ['~/x+t', '~/x', '~/x', 'home'],
  ];
  for (const [input, path, cleaned, base] of cases) {
    const { ref, error } = parseReference(input, 'target');
    assert.equal(error, undefined, input);
    const ef = ref?.earthfile;
    assert.ok(ef?.kind === 'path', input);
    assert.equal(ef.path.text, path);
    assert.equal(at(input, ef.path), path);
    assert.equal(ef.cleaned, cleaned, input);
    assert.equal(ef.base, base);
    assert.equal(at(input, ref?.name), 't');
  }
});

test('remote references with tag and sub-directory', () => {
  const input = 'github.com/o/r:v1.2+t';
  const { ref, error } = parseReference(input, 'target');
  assert.equal(error, undefined);
  const ef = ref?.earthfile;
  assert.ok(ef?.kind === 'remote');
  assert.equal(at(input, ef.repo), 'github.com/o/r');
  assert.equal(at(input, ef.tag), 'v1.2');
  assert.equal(at(input, ef.whole), 'github.com/o/r:v1.2');

  const sub = parseReference('github.com/o/r/sub/dir+t/a.txt', 'artifact').ref;
  assert.ok(sub?.earthfile.kind === 'remote');
  assert.equal(sub.earthfile.repo.text, 'github.com/o/r/sub/dir');
  assert.equal(sub.earthfile.tag, undefined);
  assert.equal(sub.artifact?.text, '/a.txt');
  // A colon alone is enough to make a reference remote.
  assert.equal(parseReference('repo:main+t', 'target').ref?.earthfile.kind, 'remote');
});

test('import aliases', () => {
  const { ref } = parseReference('lib+BUILD_GO', 'function');
  assert.deepEqual(ref?.earthfile, { kind: 'import', alias: { text: 'lib', start: 0, end: 3 } });
});

test('escaped plus', () => {
  const input = 'a\\+b+t';
  const { ref, error } = parseReference(input, 'target');
  assert.equal(error, undefined);
  assert.ok(ref?.earthfile.kind === 'import');
  assert.equal(ref.earthfile.alias.text, 'a+b');
  assert.deepEqual(ref.earthfile.alias, { text: 'a+b', start: 0, end: 4 });
  assert.deepEqual(ref.name, { text: 't', start: 5, end: 6 });
  assert.match(parseReference('+t\\', 'target').error ?? '', /unterminated escape sequence/);
  assert.equal(hasUnescapedPlus('a\\+b'), false);
  assert.equal(hasUnescapedPlus('a+b'), true);
});

test('malformed references', () => {
  for (const bad of ['build', '+', 'a+b+c', '++']) assert.match(parseReference(bad, 'target').error ?? '', /invalid target ref/, bad);
  // Earthly drops the empty word after a trailing `+`.
  assert.equal(parseReference('+t+', 'target').ref?.name.text, 't');
  assert.match(parseReference('+t', 'artifact').error ?? '', /invalid artifact name/);
  // The artifact path is split at the first `/` after the `+`.
  const a = parseReference('./a/b+t/c/d', 'artifact').ref;
  assert.equal(a?.name.text, 't');
  assert.equal(a?.artifact?.text, '/c/d');
});

test('references with variables are dynamic and not name-checked', () => {
  const r = parseReference('+build-$VARIANT', 'target');
  assert.equal(r.error, undefined);
  assert.equal(r.ref?.dynamic, true);
  assert.equal(parseReference('+build', 'target').ref?.dynamic, false);
});

test('IMPORT alias defaulting', () => {
  assert.deepEqual(parseImport('github.com/foo/bar/buz:v1').alias, 'buz');
  assert.equal(parseImport('github.com/foo/bar').alias, 'bar');
  assert.equal(parseImport('./lib/go/').alias, 'go');
  assert.equal(parseImport('../common').alias, 'common');
  assert.equal(parseImport('./lib', 'x').alias, 'x');
  assert.equal(parseImport('./lib').earthfile?.kind, 'path');
  assert.match(parseImport('.').error ?? '', /not supported/);
  assert.match(parseImport('.', 'x').error ?? '', /not supported/);
  assert.match(parseImport('..').error ?? '', /requires AS/);
  assert.match(parseImport('../a/..').error ?? '', /requires AS/);
  assert.equal(parseImport('..', 'up').alias, 'up');
  assert.equal(parseImport('..', 'up').error, undefined);
  assert.match(parseImport('lib').error ?? '', /not supported/);
  assert.match(parseImport('').error ?? '', /empty/);
  assert.match(parseImport('./x', 'a/b').error ?? '', /invalid IMPORT AS/);
  assert.match(parseImport('./x+t').error ?? '', /invalid target ref/);
});

function words(...texts: string[]): Word[] {
  return texts.map((text) => ({ text, start: 0 }));
}

test('overrides in every accepted form', () => {
  const { overrides, error } = parseOverrides(words('--A=1', '--B', '2', '-C=3', '-D', '4', '--E='));
  assert.equal(error, undefined);
  assert.deepEqual(
    overrides.map((o) => [o.key.text, o.value?.text, o.keyWord, o.valueWord]),
    [
      ['A', '1', 0, 0],
      ['B', '2', 1, 2],
      ['C', '3', 3, 3],
      ['D', '4', 4, 5],
      ['E', '', 6, 6],
    ],
  );
  const first = overrides[0];
  assert.deepEqual([first.key.start, first.key.end, first.value?.start, first.value?.end], [2, 3, 4, 5]);
});

test('override errors', () => {
  const trailing = parseOverrides(words('--A=1', 'oops'));
  assert.deepEqual(trailing.error, { message: 'invalid argument oops', word: 1 });
  assert.equal(trailing.overrides.length, 1);
  const missing = parseOverrides(words('--A'));
  assert.deepEqual(missing.error, { message: 'no value provided for --A', word: 0 });
  // The word after a value-less flag is its value, even when it looks like a flag.
  assert.equal(parseOverrides(words('--A', '--B=1')).overrides[0].value?.text, '--B=1');
  // A repeated key is kept twice (it builds a matrix).
  assert.equal(parseOverrides(words('--A=1', '--A=2')).overrides.length, 2);
});

test('groups split on unquoted whitespace', () => {
  assert.equal(isGroup('(+t/a --K=v)'), true);
  assert.equal(isGroup('"(+t/a --K=v)"'), true);
  assert.equal(isGroup('+t/a'), false);
  assert.deepEqual(splitGroup('( +t/a  --K="a b" )').words, [
    { text: '+t/a', start: 2 },
    { text: '--K="a b"', start: 8 },
  ]);
  assert.match(splitGroup('(+t --K="a)').error ?? '', /no ending quotes/);
  assert.match(splitGroup('()').error ?? '', /empty/);
});

test('a reference word with a group of overrides', () => {
  const input = '(./lib+t/out --K=v --L w)';
  const r = parseReferenceWord(input, 'artifact');
  assert.equal(r.error, undefined);
  assert.equal(r.grouped, true);
  assert.equal(at(input, r.ref?.name), 't');
  assert.equal(at(input, r.ref?.artifact), '/out');
  assert.deepEqual(
    r.overrides.map((o) => [at(input, o.key), at(input, o.value), o.keyWord]),
    [
      ['K', 'v', 1],
      ['L', 'w', 2],
    ],
  );
  assert.match(parseReferenceWord('(+t/out stray)', 'artifact').error ?? '', /invalid argument stray/);
  const plain = parseReferenceWord('+t', 'target');
  assert.equal(plain.grouped, false);
  assert.deepEqual(plain.overrides, []);
});

test('a group still being typed (no closing parenthesis) is read as a group, with the parenthesis missing', () => {
  const typing = '(./lib+t/out --K=v --L=w';
  const r = parseReferenceWord(typing, 'artifact');
  assert.equal(r.grouped, true);
  assert.equal(r.ref?.earthfile.kind, 'path');
  assert.equal(at(typing, r.ref?.name), 't');
  assert.equal(at(typing, r.ref?.artifact), '/out');
  assert.deepEqual(r.overrides.map((o) => at(typing, o.key)), ['K', 'L']);
  assert.equal(r.error, 'the group (./lib+t/out --K=v --L=w has no closing )');
  // Its valid twin: closed, no error.
  assert.equal(parseReferenceWord(`${typing})`, 'artifact').error, undefined);
  assert.match(parseReferenceWord('(', 'artifact').error ?? '', /invalid target ref/);
});

test('WITH DOCKER --load values', () => {
  const bare = parseLoad('+img');
  assert.equal(bare.image, undefined);
  assert.equal(bare.ref?.name.text, 'img');

  const named = 'saved:latest=+load-target';
  const n = parseLoad(named);
  assert.equal(at(named, n.image), 'saved:latest');
  assert.equal(at(named, n.ref?.name), 'load-target');

  const grouped = 'foo=(+t --K=2)';
  const g = parseLoad(grouped);
  assert.equal(at(grouped, g.image), 'foo');
  assert.equal(at(grouped, g.ref?.name), 't');
  assert.equal(at(grouped, g.overrides[0].value), '2');

  const groupOnly = parseLoad('(+t --K=2)');
  assert.equal(groupOnly.image, undefined);
  assert.equal(groupOnly.overrides.length, 1);
  assert.match(parseLoad('=+t').error ?? '', /empty image name/);
});

test('cleanPath follows Go path.Clean', () => {
  const cases: [string, string][] = [
    ['', '.'],
    ['a/b/../c', 'a/c'],
    ['../../a', '../../a'],
    ['/../a', '/a'],
    ['a//b/./', 'a/b'],
    ['/', '/'],
  ];
  for (const [input, out] of cases) assert.equal(cleanPath(input), out, input);
});

test('the At variants read a span of a larger string and report offsets in it', () => {
  const line = 'COPY (./lib+t/out --K=v) ./';
  const from = line.indexOf('(');
  const to = line.indexOf(' ./');
  const r = parseReferenceWordAt(line, from, to, 'artifact');
  assert.equal(r.error, undefined);
  assert.equal(at(line, r.ref?.name), 't');
  assert.equal(at(line, r.overrides[0].key), 'K');
  assert.equal(r.ref?.earthfile.kind === 'path' && at(line, r.ref.earthfile.path), './lib');

  const build = 'BUILD +dep';
  assert.equal(at(build, parseReferenceAt(build, 6, build.length, 'target').ref?.name), 'dep');

  const load = 'WITH DOCKER --load img=+t';
  const l = parseLoadAt(load, load.indexOf('img'), load.length);
  assert.equal(at(load, l.image), 'img');
  assert.equal(at(load, l.ref?.name), 't');
});
