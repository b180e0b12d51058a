import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InstallProgress, packageOfAddress } from '../../harness/installProgress';

test('package names come from metadata and tarball addresses', () => {
  assert.equal(packageOfAddress('https://registry.example/code-server'), 'code-server');
  assert.equal(packageOfAddress('https://registry.example/@coder%2flogger'), '@coder/logger');
  assert.equal(packageOfAddress('https://registry.example/debug/-/debug-4.4.3.tgz'), 'debug@4.4.3');
  assert.equal(packageOfAddress('https://registry.example/@types/node/-/node-20.19.1.tgz'), '@types/node@20.19.1');
});

test('fetches are counted, reported at most once per interval, and scripts are announced', () => {
  let clock = 0;
  const lines: string[] = [];
  const progress = new InstallProgress(10, (line) => lines.push(line), 1000, () => clock);
  progress.line('npm http fetch GET 200 https://registry.example/code-server 391ms (cache updated)');
  progress.line('npm http cache debug@https://registry.example/debug/-/debug-4.4.3.tgz 0ms (cache hit)');
  clock = 1500;
  progress.line('npm http cache @coder/logger@https://registry.example/@coder/logger/-/logger-3.0.1.tgz 0ms (cache hit)');
  progress.line('> argon2@0.31.2 install');
  progress.line('gyp info it worked if it ends with ok');
  assert.equal(progress.fetchCount, 3);
  assert.deepEqual(lines, [
    '  1 of about 10 packages fetched (10%), now code-server',
    '  3 of about 10 packages fetched (30%), now @coder/logger@3.0.1',
    '  running the install script of argon2@0.31.2',
  ]);
});

test('more fetches than expected never claim to be done', () => {
  const lines: string[] = [];
  const progress = new InstallProgress(1, (line) => lines.push(line), 0);
  progress.line('npm http fetch GET 200 https://registry.example/a 1ms');
  progress.line('npm http fetch GET 200 https://registry.example/b 1ms');
  assert.match(lines[1]!, /\(99%\)/);
});
