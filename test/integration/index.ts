// The integration entry point in the shape @vscode/test-electron expects: `run()` runs every suite
// (`*.test.js` next to this file) with mocha inside the extension host of a real VS Code.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { workspaceFile } from './waitFor';

async function removeScratchEarthfiles(): Promise<void> {
  const scratch = workspaceFile('scratch');
  const exists = await vscode.workspace.fs.stat(scratch).then(
    () => true,
    () => false,
  );
  if (exists) await vscode.workspace.fs.delete(scratch, { recursive: true, useTrash: false });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  const grep = process.env.EARTHLY_TEST_GREP;
  if (grep) mocha.grep(grep);
  // Suites that disturb shared state (e.g. kill the language server) are named `*.last.test.js`.
  const last = (f: string) => (f.endsWith('.last.test.js') ? 1 : 0);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => last(a) - last(b) || a.localeCompare(b));
  for (const file of files) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    let passed = 0;
    const failures: string[] = [];
    const runner = mocha.run((failed) => {
      // The harness reads the counts; the exit code alone cannot say how many tests ran.
      const resultsFile = process.env.EARTHLY_INTEGRATION_RESULTS;
      if (resultsFile) writeFileSync(resultsFile, JSON.stringify({ passed, failed, failures }));
      // The suites' scratch Earthfiles go, so that the browser flows after them see the demo workspace
      // as a person has it (each would otherwise add its targets to every completion list).
      void removeScratchEarthfiles().then(() => (failed > 0 ? reject(new Error(`${failed} integration test(s) failed`)) : resolve()), reject);
    });
    runner.on('pass', () => passed++);
    runner.on('fail', (test, error: Error) => failures.push(`${test.fullTitle()}: ${error.message}`));
  });
}
