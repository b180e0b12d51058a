// What the stand-in `earthly` (test/fixtures/bin/earthly, first on PATH in the VS Code suites) recorded:
// one JSON line per run in $EARTHLY_STANDIN_RECORD. The real earthly cannot be installed on test machines.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The record's name in the run's scratch folder, which also holds the test workspace. */
export const STANDIN_RECORD_NAME = 'earthly-runs.jsonl';

/** The record of the runs in `workspace` (for the browser flows, which run outside VS Code). */
export function standInRecordOf(workspace: string): string {
  return join(dirname(workspace), STANDIN_RECORD_NAME);
}

export interface StandInRun {
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The variables named in $EARTHLY_STANDIN_ENV, as the run saw them. */
  readonly env: Readonly<Record<string, string>>;
  /** The SHA-256 (hex) of the value of each `--secret NAME` the run got from its environment; null when unset. */
  readonly secrets: Readonly<Record<string, string | null>>;
}

export function standInRuns(file = process.env.EARTHLY_STANDIN_RECORD): StandInRun[] {
  if (!file) throw new Error('EARTHLY_STANDIN_RECORD is not set: run the suites through test/harness/runVSCodeTests.');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StandInRun);
}
