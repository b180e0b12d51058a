// The `earthly` problem matcher (as package.json declares it), the 401 detection and the ACR registry
// filter, against output shaped like Earthly's and the stand-in's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../harness/paths';
import { EARTHLY_ERROR_PATTERN, withAbsoluteEarthfilePath } from '../../../client/src/earthly/run/earthlyErrors';
import { acrLoginServers, isAuthFailure } from '../../../client/src/earthly/run/registryHosts';
import { loginServerOf } from '../../../client/src/acr/auth/signInTarget';
import { cloudOfLoginServer } from '../../../client/src/acr/cloud/loginServer';

interface Matcher {
  readonly name: string;
  readonly pattern: { readonly regexp: string; readonly file: number; readonly line: number; readonly message: number };
}
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers: Matcher[] } };
const matcher = manifest.contributes.problemMatchers.find((m) => m.name === 'earthly')!;
const regexp = new RegExp(matcher.pattern.regexp);

function match(line: string): { file: string; line: number; message: string } | undefined {
  const m = regexp.exec(line);
  return m ? { file: m[matcher.pattern.file]!, line: Number(m[matcher.pattern.line]), message: m[matcher.pattern.message]! } : undefined;
}

test('the problem matcher reads Earthly error lines', () => {
  assert.deepEqual(match(`+fail *failed* | Error: /home/me/my proj/Earthfile line 12:4 The command 'RUN false' did not complete successfully. Exit code 1`), {
    file: '/home/me/my proj/Earthfile',
    line: 12,
    message: `The command 'RUN false' did not complete successfully. Exit code 1`,
  });
  assert.deepEqual(match('Error: build target: build main: failed to solve: Earthfile line 9:2 apk add: exit code 1'), {
    file: 'Earthfile',
    line: 9,
    message: 'apk add: exit code 1',
  });
  assert.deepEqual(match('Error: services/api/Earthfile line 3:0 unknown command FRM'), { file: 'services/api/Earthfile', line: 3, message: 'unknown command FRM' });
  assert.deepEqual(match('/w/x+build *failed* | /w/x/build.earth line 7:4 failed'), { file: '/w/x/build.earth', line: 7, message: 'failed' });
  // EarthBuild's newer shape.
  assert.deepEqual(match('path/To/Earthfile:90:8: something failed'), { file: 'path/To/Earthfile', line: 90, message: 'something failed' });
});

test('package.json declares the pattern the runner uses', () => {
  assert.equal(matcher.pattern.regexp, EARTHLY_ERROR_PATTERN);
});

test('relative Earthfile paths of error lines become absolute against the working directory', () => {
  assert.equal(
    withAbsoluteEarthfilePath(`+fail *failed* | Error: Earthfile line 5:4 The command 'RUN false' failed`, '/w/my dir'),
    `+fail *failed* | Error: /w/my dir/Earthfile line 5:4 The command 'RUN false' failed`,
  );
  assert.equal(withAbsoluteEarthfilePath('Error: ../lib/Earthfile:3:0: bad', '/w/app'), 'Error: /w/lib/Earthfile:3:0: bad');
  for (const line of ['Error: /abs/Earthfile line 5:4 x', '+build | hello', '']) assert.equal(withAbsoluteEarthfilePath(line, '/w'), line);
});

test('the problem matcher ignores ordinary output', () => {
  for (const line of ['+build | --> RUN echo line 12:4 hi', ' Init 🚀', '+fail *failed* | ERROR Earthfile line 5:4', '> earthly ./a+fail', 'Earthfile line x:y z']) {
    assert.equal(match(line), undefined, line);
  }
});

test('the stand-in prints a line the problem matcher turns into the failing line of the Earthfile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-'));
  try {
    writeFileSync(join(dir, 'Earthfile'), 'VERSION 0.8\n\nfail:\n    FROM alpine\n    RUN false\n');
    let output = '';
    try {
      execFileSync(join(REPO_ROOT, 'test', 'fixtures', 'bin', 'earthly'), ['+fail'], { cwd: dir, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, EARTHLY_STANDIN_RECORD: '' } });
      assert.fail('the stand-in exits 1 for +fail');
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      assert.equal(failed.status, 1);
      output = failed.stdout + failed.stderr;
    }
    const matches = output.split('\n').map(match).filter((m) => m !== undefined);
    assert.deepEqual(matches.map((m) => [m.file, m.line]), [['Earthfile', 5]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('registry authentication failures are recognised, and other failures are not', () => {
  for (const line of [
    'Error: failed to push x.azurecr.io/app:1: unexpected status from HEAD request to https://x.azurecr.io/v2/app/blobs/sha256:0: 401 Unauthorized',
    'unauthorized: authentication required',
    'failed to authorize: failed to fetch oauth token: unexpected status code 401',
    'received unexpected HTTP status: 401 Unauthorized',
  ]) {
    assert.ok(isAuthFailure(line), line);
  }
  for (const line of ['Error: /w/Earthfile line 401:4 boom', 'status 403 Forbidden', 'downloaded 401 files', '+build | 4010 Unauthorizedness']) {
    assert.ok(!isAuthFailure(line), line);
  }
});

test('ACR registries: cloud suffixes, acr.registries entries and signed-in ones, deduplicated', () => {
  const settings = { registries: [{ loginServer: '127.0.0.1:5443' }], cloud: 'public' as const, authorityHost: '' };
  assert.deepEqual(
    acrLoginServers(['docker.io', 'MyReg.azurecr.io', 'myreg.azurecr.io', 'x.azurecr.cn', '127.0.0.1:5443', 'ghcr.io', 'signed.example.com', 'not a host'], settings, ['signed.example.com'], { loginServerOf, cloudOfLoginServer }),
    ['myreg.azurecr.io', 'x.azurecr.cn', '127.0.0.1:5443', 'signed.example.com'],
  );
});
