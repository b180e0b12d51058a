import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RUN_TARGET_COMMAND,
  RUN_TARGET_WITH_ARGS_COMMAND,
  RUN_TARGET_WITH_PUSH_COMMAND,
  type TargetSummary,
} from '../../../shared/src/protocol';
import { runLenses } from '../../../client/src/earthly/runLenses';

const target = (name: string, line: number, pushes: boolean): TargetSummary => ({ name, line, args: [], pushes, registries: [] });

test('every target gets Run and Run…; only pushing targets get Run with --push', () => {
  const lenses = runLenses([target('build', 3, false), target('docker', 9, true)]);
  assert.deepEqual(
    lenses.map((l) => [l.line, l.target, l.title, l.command]),
    [
      [3, 'build', '$(play) Run', RUN_TARGET_COMMAND],
      [3, 'build', 'Run…', RUN_TARGET_WITH_ARGS_COMMAND],
      [9, 'docker', '$(play) Run', RUN_TARGET_COMMAND],
      [9, 'docker', 'Run with --push', RUN_TARGET_WITH_PUSH_COMMAND],
      [9, 'docker', 'Run…', RUN_TARGET_WITH_ARGS_COMMAND],
    ],
  );
});

test('an Earthfile without targets gets no lenses', () => {
  assert.deepEqual(runLenses([]), []);
});
