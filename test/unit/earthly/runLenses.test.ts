import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TargetSummary } from '../../../shared/src/protocol';
import { COMMAND_IDS } from '../../../client/src/commandIds';
import { runLenses } from '../../../client/src/earthly/run/runLenses';

const target = (name: string, line: number, pushes: boolean): TargetSummary => ({ name, line, args: [], pushes, registries: [] });

test('every target gets Run and Run…; only pushing targets get Run with --push', () => {
  const lenses = runLenses([target('build', 3, false), target('docker', 9, true)]);
  assert.deepEqual(
    lenses.map((l) => [l.line, l.target, l.title, l.command]),
    [
      [3, 'build', '$(play) Run', COMMAND_IDS.runTarget],
      [3, 'build', 'Run…', COMMAND_IDS.runTargetWithArgs],
      [9, 'docker', '$(play) Run', COMMAND_IDS.runTarget],
      [9, 'docker', 'Run with --push', COMMAND_IDS.runTargetWithPush],
      [9, 'docker', 'Run…', COMMAND_IDS.runTargetWithArgs],
    ],
  );
});

test('an Earthfile without targets gets no lenses', () => {
  assert.deepEqual(runLenses([]), []);
});
