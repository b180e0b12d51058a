import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { binaryCandidates, findEarthlyBinary, parseVersion } from '../../../client/src/earthly/run/earthlyBinary';

test('candidates: earthly then earth on each PATH directory; a configured name or path alone', () => {
  assert.deepEqual(binaryCandidates('', ['/a', '/b'].join(delimiter), 'linux'), ['/a/earthly', '/b/earthly', '/a/earth', '/b/earth']);
  assert.deepEqual(binaryCandidates('/opt/e/earthly', '/a', 'linux'), ['/opt/e/earthly']);
  assert.deepEqual(binaryCandidates('earth', '/a', 'linux'), ['/a/earth']);
  assert.deepEqual(binaryCandidates('', '', 'linux'), []);
});

test('finds the first executable candidate: earth when there is no earthly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bin-'));
  try {
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    mkdirSync(first);
    mkdirSync(second);
    writeFileSync(join(first, 'earthly'), 'not executable');
    writeFileSync(join(second, 'earth'), '#!/bin/sh\n');
    chmodSync(join(second, 'earth'), 0o755);
    const env = { PATH: [first, second].join(delimiter) };
    assert.deepEqual(await findEarthlyBinary('', env), { path: join(second, 'earth'), name: 'earth' });
    assert.equal(await findEarthlyBinary(join(first, 'earthly'), env), undefined);
    assert.equal(await findEarthlyBinary('', { PATH: first }), undefined);
    // A directory is not a binary, even though it is "executable".
    mkdirSync(join(first, 'earth'));
    assert.equal(await findEarthlyBinary('', { PATH: first }), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('versions', () => {
  assert.equal(parseVersion('earthly version v0.8.15 0123abc linux/amd64; Debian\n'), 'v0.8.15');
  assert.equal(parseVersion('earth version 0.8.16-rc1 abc'), '0.8.16-rc1');
  assert.equal(parseVersion('\n something else\n'), 'something else');
  assert.equal(parseVersion(''), undefined);
});
