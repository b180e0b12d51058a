import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RECENT_RUNS, parseRecentRuns, withRun, type RecentRun } from '../../../client/src/earthly/run/recentRuns';
import { asTargetLocation } from '../../../client/src/earthly/run/targetLocation';
import { NO_ANSWERS } from '../../../client/src/earthly/run/runAnswers';
import { pickRows, type PickableTarget } from '../../../client/src/earthly/run/targetPickRows';

const run = (target: string, uri = 'file:///ws/Earthfile', flags: string[] = []): RecentRun => ({ location: { uri, target }, answers: { args: {}, flags } });

test('a run goes first and replaces the earlier run of the same target', () => {
  let recent: RecentRun[] = [];
  recent = withRun(recent, run('build'));
  recent = withRun(recent, run('test'));
  recent = withRun(recent, run('build', undefined, ['--push']));
  assert.deepEqual(recent.map((r) => [r.location.target, r.answers.flags]), [['build', ['--push']], ['test', []]]);
  // The same target name in another Earthfile is another target.
  recent = withRun(recent, run('build', 'file:///ws/api/Earthfile'));
  assert.deepEqual(recent.map((r) => r.location.uri), ['file:///ws/api/Earthfile', 'file:///ws/Earthfile', 'file:///ws/Earthfile']);
});

test('the list keeps the newest runs only', () => {
  let recent: RecentRun[] = [];
  for (let i = 0; i < MAX_RECENT_RUNS + 5; i++) recent = withRun(recent, run(`t${i}`));
  assert.equal(recent.length, MAX_RECENT_RUNS);
  assert.equal(recent[0]!.location.target, `t${MAX_RECENT_RUNS + 4}`);
});

test('what workspaceState gives back is validated: malformed entries are dropped, bad answers emptied', () => {
  const raw = [
    run('build'),
    { location: { uri: 'file:///ws/Earthfile' } },
    null,
    'build',
    { location: { uri: 'file:///ws/Earthfile', target: 'test' }, answers: { args: { TAG: 1, X: 'y' }, flags: ['--ci', 3] } },
    { location: { uri: 'file:///ws/Earthfile', target: 'lint' }, answers: 'nonsense' },
  ];
  assert.deepEqual(parseRecentRuns(raw), [
    run('build'),
    { location: { uri: 'file:///ws/Earthfile', target: 'test' }, answers: { args: { X: 'y' }, flags: ['--ci'] } },
    { location: { uri: 'file:///ws/Earthfile', target: 'lint' }, answers: NO_ANSWERS },
  ]);
  for (const garbage of [undefined, null, 42, 'x', {}]) assert.deepEqual(parseRecentRuns(garbage), []);
});

test('a command argument is a target location only with a string uri and target', () => {
  assert.deepEqual(asTargetLocation({ uri: 'file:///a', target: 'b', extra: 1 }), { uri: 'file:///a', target: 'b' });
  for (const bad of [undefined, 'file:///a', { uri: 'file:///a' }, { uri: 1, target: 'b' }]) assert.equal(asTargetLocation(bad), undefined);
});

const pickableTarget = (earthfilePath: string, name: string, line: number, doc?: string): PickableTarget => ({
  location: { uri: `file:///ws/${earthfilePath}`, target: name },
  reference: earthfilePath === 'Earthfile' ? `+${name}` : `./${earthfilePath.replace(/\/Earthfile$/, '')}+${name}`,
  earthfilePath,
  line,
  ...(doc ? { doc } : {}),
});

test('the picker lists recently run targets first, most recent first, under a separator', () => {
  const targets = [
    pickableTarget('services/api/Earthfile', 'docker', 20, 'The API image,\npushed to the registry.'),
    pickableTarget('Earthfile', 'lint', 12),
    pickableTarget('services/api/Earthfile', 'build', 7, 'Compiles the API server.'),
    pickableTarget('Earthfile', 'all', 6, '\n  Runs every check.'),
  ];
  const recent = [run('docker', 'file:///ws/services/api/Earthfile'), run('all'), run('gone')];
  const rows = pickRows(targets, recent);
  assert.deepEqual(
    rows.map((r) => (r.kind === 'separator' ? `-- ${r.label}` : `${r.label} | ${r.description} | ${r.detail ?? ''}`)),
    [
      '-- recently run',
      './services/api+docker | services/api/Earthfile | The API image,',
      '+all | Earthfile | Runs every check.',
      '-- other targets',
      '+lint | Earthfile | ',
      './services/api+build | services/api/Earthfile | Compiles the API server.',
    ],
  );
});

test('without recent runs the picker has no separators, and is ordered by Earthfile then position', () => {
  const rows = pickRows([pickableTarget('b/Earthfile', 'x', 1), pickableTarget('a/Earthfile', 'z', 9), pickableTarget('a/Earthfile', 'y', 3)], []);
  assert.deepEqual(rows.map((r) => r.label), ['./a+y', './a+z', './b+x']);
});
