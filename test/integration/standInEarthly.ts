// What the stand-in `earthly` (test/fixtures/bin/earthly, first on PATH in the VS Code suites) recorded:
// one JSON line per run in $EARTHLY_STANDIN_RECORD. The real earthly cannot be installed on test machines.
import { existsSync, readFileSync } from 'node:fs';

export interface StandInRun {
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The variables named in $EARTHLY_STANDIN_ENV, as the run saw them. */
  readonly env: Readonly<Record<string, string>>;
}

export function standInRuns(): StandInRun[] {
  const file = process.env.EARTHLY_STANDIN_RECORD;
  if (!file) throw new Error('EARTHLY_STANDIN_RECORD is not set: run the suites through test/harness/runVSCodeTests.');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StandInRun);
}
