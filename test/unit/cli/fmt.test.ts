// `earthfile fmt` over a temporary tree: rewriting in place (atomically, keeping the mode), --check,
// --diff, --indent, standard input, syntax errors and every exit code.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmtCommand } from '../../../server/src/cli/fmtCommand';

let root: string;
const cwd = process.cwd();

const MESSY = 'VERSION 0.8\nbuild:\n  RUN  echo hi\n';
const TIDY = 'VERSION 0.8\n\nbuild:\n    RUN echo hi\n';
const BROKEN = 'VERSION 0.8\nbuild:\n  IF true\n    RUN  x\n';

function write(relative: string, text: string): string {
  const path = join(root, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const read = (relative: string) => readFileSync(join(root, relative), 'utf8');

async function fmt(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { out: (t: string) => (out += t), err: (t: string) => (err += t), ...(stdin !== undefined && { readStdin: () => stdin }) };
  const code = await fmtCommand.run(args, io);
  return { code, out, err };
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'earthfile-fmt-'));
  // Names in the output are relative to the working directory.
  process.chdir(root);
});

after(() => {
  process.chdir(cwd);
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  for (const entry of readdirSync(root)) rmSync(join(root, entry), { recursive: true, force: true });
  write('Earthfile', MESSY);
  write('services/api/Earthfile', TIDY);
  write('services/web/build.earth', 'VERSION 0.8\nweb:\n\tCOPY  dist  ./\n');
  write('node_modules/pkg/Earthfile', MESSY);
  write('.git/Earthfile', MESSY);
});

test('rewrites the files that change and lists them; leaves the others, dependency and VCS folders alone', async () => {
  const { code, out, err } = await fmt([]);
  assert.equal(code, 0);
  assert.equal(out, 'Earthfile\nservices/web/build.earth\n');
  assert.equal(err, '2 of 3 Earthfile(s) reformatted\n');
  assert.equal(read('Earthfile'), TIDY);
  assert.equal(read('services/web/build.earth'), 'VERSION 0.8\n\nweb:\n    COPY dist ./\n');
  assert.equal(read('services/api/Earthfile'), TIDY);
  assert.equal(read('node_modules/pkg/Earthfile'), MESSY);
  assert.equal(read('.git/Earthfile'), MESSY);
  // Nothing more to do the second time.
  assert.deepEqual(await fmt(['.']), { code: 0, out: '', err: '0 of 3 Earthfile(s) reformatted\n' });
});

test('a rewrite is atomic: the mode is kept, no temporary file stays, a symbolic link stays a link', async () => {
  chmodSync(join(root, 'Earthfile'), 0o640);
  symlinkSync(join(root, 'services/web/build.earth'), join(root, 'linked.earth'));
  const { code, out } = await fmt(['Earthfile', 'linked.earth']);
  assert.equal(code, 0);
  assert.equal(out, 'Earthfile\nlinked.earth\n');
  assert.equal(statSync(join(root, 'Earthfile')).mode & 0o777, 0o640);
  assert.ok(lstatSync(join(root, 'linked.earth')).isSymbolicLink());
  assert.equal(read('services/web/build.earth'), 'VERSION 0.8\n\nweb:\n    COPY dist ./\n');
  assert.deepEqual(readdirSync(root).filter((f) => f.endsWith('.tmp')), []);
  assert.deepEqual(readdirSync(join(root, 'services/web')), ['build.earth']);
});

test('--check writes nothing, names the files that would change and exits 1; 0 when all are formatted', async () => {
  const { code, out, err } = await fmt(['--check']);
  assert.equal(code, 1);
  assert.equal(out, 'Earthfile\nservices/web/build.earth\n');
  assert.equal(err, '2 of 3 Earthfile(s) would be reformatted\n');
  assert.equal(read('Earthfile'), MESSY);
  assert.deepEqual(await fmt(['--check', 'services/api']), { code: 0, out: '', err: '0 of 1 Earthfile(s) would be reformatted\n' });
});

test('--diff prints a unified diff, writes nothing and exits 0; with --check it exits 1', async () => {
  write('Earthfile', 'VERSION 0.8\nbuild:\n  RUN  echo hi\n  RUN  bye');
  const { code, out } = await fmt(['--diff', 'Earthfile']);
  assert.equal(code, 0);
  assert.equal(
    out,
    [
      '--- a/Earthfile',
      '+++ b/Earthfile',
      '@@ -1,4 +1,5 @@',
      ' VERSION 0.8',
      '+',
      ' build:',
      '-  RUN  echo hi',
      '+    RUN echo hi',
      '-  RUN  bye',
      '\\ No newline at end of file',
      '+    RUN bye',
      '',
    ].join('\n'),
  );
  assert.equal(read('Earthfile'), 'VERSION 0.8\nbuild:\n  RUN  echo hi\n  RUN  bye');
  assert.equal((await fmt(['--diff', '--check', 'Earthfile'])).code, 1);
});

test('--diff: context lines between changes, and hunks apart when the changes are far apart', async () => {
  const body = Array.from({ length: 12 }, (_, i) => `    RUN step${i}`);
  body[0] = '    RUN  step0';
  body[11] = '    RUN  step11';
  write('Earthfile', ['VERSION 0.8', '', 'build:', ...body, ''].join('\n'));
  const { out } = await fmt(['--diff', 'Earthfile']);
  assert.equal(
    out,
    [
      '--- a/Earthfile',
      '+++ b/Earthfile',
      '@@ -1,7 +1,7 @@',
      ' VERSION 0.8',
      ' ',
      ' build:',
      '-    RUN  step0',
      '+    RUN step0',
      '     RUN step1',
      '     RUN step2',
      '     RUN step3',
      '@@ -12,4 +12,4 @@',
      '     RUN step8',
      '     RUN step9',
      '     RUN step10',
      '-    RUN  step11',
      '+    RUN step11',
      '',
    ].join('\n'),
  );
});

test('--indent: a number of spaces or tab', async () => {
  assert.equal((await fmt(['--indent', '2', 'Earthfile'])).code, 0);
  assert.equal(read('Earthfile'), 'VERSION 0.8\n\nbuild:\n  RUN echo hi\n');
  assert.equal((await fmt(['--indent=tab', 'Earthfile'])).code, 0);
  assert.equal(read('Earthfile'), 'VERSION 0.8\n\nbuild:\n\tRUN echo hi\n');
});

test('a file with syntax errors is left as it is: the errors go to stderr and the exit code is 1', async () => {
  write('broken.earth', BROKEN);
  const { code, out, err } = await fmt(['broken.earth', 'Earthfile']);
  assert.equal(code, 1);
  assert.equal(out, 'Earthfile\n');
  assert.equal(
    err,
    'broken.earth:3:3: expected END to close IF opened at line 3\nbroken.earth: not formatted: it has syntax errors\n1 of 2 Earthfile(s) reformatted\n',
  );
  assert.equal(read('broken.earth'), BROKEN);
  assert.equal(read('Earthfile'), TIDY);
});

test('- formats standard input to standard output', async () => {
  assert.deepEqual(await fmt(['-'], MESSY), { code: 0, out: TIDY, err: '' });
  assert.deepEqual(await fmt(['-'], TIDY), { code: 0, out: TIDY, err: '' });
  assert.deepEqual(await fmt(['--indent', 'tab', '-'], MESSY.replace(/\n/g, '\r\n')), { code: 0, out: 'VERSION 0.8\r\n\r\nbuild:\r\n\tRUN echo hi\r\n', err: '' });
  assert.deepEqual(await fmt(['--check', '-'], MESSY), { code: 1, out: '<stdin>\n', err: '' });
  assert.deepEqual(await fmt(['--check', '-'], TIDY), { code: 0, out: '', err: '' });
  const diff = await fmt(['--diff', '-'], MESSY);
  assert.equal(diff.code, 0);
  assert.ok(diff.out.startsWith('--- <stdin>\n+++ <stdin>\n@@ -1,3 +1,4 @@\n'), diff.out);
  assert.deepEqual(await fmt(['-'], BROKEN), {
    code: 1,
    out: '',
    err: '<stdin>:3:3: expected END to close IF opened at line 3\n<stdin>: not formatted: it has syntax errors\n',
  });
});

test('bad usage exits 2 and writes nothing', async () => {
  for (const args of [['--nope'], ['--indent'], ['--indent', '0'], ['--indent', '17'], ['--indent=two'], ['--indent', '2.5'], ['-', 'Earthfile'], ['missing/Earthfile']]) {
    const { code, err } = await fmt(args);
    assert.equal(code, 2, args.join(' '));
    assert.notEqual(err, '', args.join(' '));
  }
  assert.equal(read('Earthfile'), MESSY);
  const help = await fmt(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: earthfile fmt \[--check\] \[--diff\] \[--indent N\|tab\] \[paths\.\.\.\]/);
});
