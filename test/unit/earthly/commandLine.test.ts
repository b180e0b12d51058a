import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommandLine, displayCommandLine, quoteForDisplay, targetFrom, workingDirectoryOf } from '../../../client/src/earthly/run/commandLine';
import { DEFAULT_RUN_SETTINGS, parseRunSettings } from '../../../client/src/earthly/run/runSettings';
import type { EarthlyTaskFields } from '../../../client/src/earthly/run/taskDefinition';

const FOLDER = '/ws/demo';
const HOSTILE = ['a b', `it's "quoted"`, '$HOME', 'a;rm -rf /', '`id`', 'größe ✓ 日本', 'line1\nline2', '', '--not-a-flag', '\\'];

function task(fields: Partial<EarthlyTaskFields>): EarthlyTaskFields {
  return { type: 'earthly', target: './services/api+build', ...fields };
}

test('global flags, then the target, then the build args', () => {
  const line = buildCommandLine(
    '/usr/bin/earthly',
    task({ flags: ['--push', '-P'], args: { TAG: 'v1', B: 'x' }, secrets: ['NPM_TOKEN'] }),
    { path: '', defaultFlags: ['--ci'], buildkitHost: 'tcp://bk:8372', satellite: 'sat-1' },
    FOLDER,
    { NPM_TOKEN: 's3cret' },
  );
  assert.deepEqual(line.args, [
    '--buildkit-host', 'tcp://bk:8372', '--sat', 'sat-1', '--ci', '--push', '-P', '--secret', 'NPM_TOKEN',
    './services/api+build', '--TAG=v1', '--B=x',
  ]);
  assert.equal(line.file, '/usr/bin/earthly');
  assert.equal(line.cwd, FOLDER);
  assert.deepEqual(line.env, { PWD: FOLDER, NPM_TOKEN: 's3cret' });
});

test('hostile values pass as single, unchanged arguments', () => {
  const args = Object.fromEntries(HOSTILE.map((value, i) => [`A${i}`, value]));
  const line = buildCommandLine('earthly', task({ args }), DEFAULT_RUN_SETTINGS, FOLDER);
  assert.deepEqual(line.args, ['./services/api+build', ...HOSTILE.map((value, i) => `--A${i}=${value}`)]);
});

test('secret values appear only in env, never in the arguments or the shown command line', () => {
  const secret = 'p@ss word;$(id)`x`\n';
  const line = buildCommandLine('earthly', task({ secrets: ['TOKEN', 'OTHER'] }), DEFAULT_RUN_SETTINGS, FOLDER, { TOKEN: secret, OTHER: 'o' });
  assert.ok(!line.args.some((a) => a.includes(secret) || a.includes('p@ss')));
  assert.ok(!displayCommandLine(line, 'earthly').includes('p@ss'));
  assert.deepEqual(line.args, ['--secret', 'TOKEN', '--secret', 'OTHER', './services/api+build']);
  assert.deepEqual(line.env, { PWD: FOLDER, TOKEN: secret, OTHER: 'o' });
});

test('where earthly runs: cwd, else earthfileDir for +name, else the folder', () => {
  assert.equal(workingDirectoryOf(task({}), FOLDER), FOLDER);
  assert.equal(workingDirectoryOf(task({ target: '+build', earthfileDir: 'services/api' }), FOLDER), '/ws/demo/services/api');
  assert.equal(workingDirectoryOf(task({ cwd: 'services' }), FOLDER), '/ws/demo/services');
  assert.equal(workingDirectoryOf(task({ cwd: '/elsewhere' }), FOLDER), '/elsewhere');
  // A full reference ignores earthfileDir: it names its directory itself.
  assert.equal(workingDirectoryOf(task({ earthfileDir: 'lib' }), FOLDER), FOLDER);
});

test('a +name of earthfileDir is rewritten relative to an explicit cwd', () => {
  const fromRoot = task({ target: '+build', earthfileDir: 'services/api', cwd: '.' });
  assert.equal(targetFrom(fromRoot, FOLDER, workingDirectoryOf(fromRoot, FOLDER)), './services/api+build');
  const sibling = task({ target: '+build', earthfileDir: 'services/api', cwd: 'services/web' });
  assert.equal(targetFrom(sibling, FOLDER, workingDirectoryOf(sibling, FOLDER)), '../api+build');
  const inPlace = task({ target: '+build', earthfileDir: 'services/api' });
  assert.equal(targetFrom(inPlace, FOLDER, workingDirectoryOf(inPlace, FOLDER)), '+build');
  assert.deepEqual(buildCommandLine('earthly', fromRoot, DEFAULT_RUN_SETTINGS, FOLDER).args, ['./services/api+build']);
});

test('the shown command line quotes like a POSIX shell and escapes control characters', () => {
  assert.equal(quoteForDisplay('./services/api+build'), './services/api+build');
  assert.equal(quoteForDisplay('--TAG=a b'), `'--TAG=a b'`);
  assert.equal(quoteForDisplay(`it's`), `'it'\\''s'`);
  assert.equal(quoteForDisplay('$HOME;`id`'), `'$HOME;\`id\`'`);
  assert.equal(quoteForDisplay('a\nb\x1b[2J'), `$'a\\nb\\x1b[2J'`);
  assert.equal(quoteForDisplay(''), `''`);
  const shown = displayCommandLine(buildCommandLine('/x/earth', task({ args: { A: 'line1\nline2' } }), DEFAULT_RUN_SETTINGS, FOLDER), 'earth');
  assert.equal(shown, `earth ./services/api+build $'--A=line1\\nline2'`);
  assert.ok(!shown.includes('\n'));
});

test('run settings of the wrong type fall back to the defaults', () => {
  const raw: Record<string, unknown> = { path: 42, 'run.defaultFlags': 'oops', 'run.buildkitHost': ['x'], 'run.satellite': null };
  assert.deepEqual(parseRunSettings((key) => raw[key]), DEFAULT_RUN_SETTINGS);
  const good: Record<string, unknown> = { path: ' /opt/earthly ', 'run.defaultFlags': ['--ci', 3, 'no-dash'], 'run.buildkitHost': 'tcp://h', 'run.satellite': 's' };
  assert.deepEqual(parseRunSettings((key) => good[key]), { path: '/opt/earthly', defaultFlags: ['--ci'], buildkitHost: 'tcp://h', satellite: 's' });
});
