// A person runs a tasks.json task that names a secret set nowhere: a password box asks for its value,
// which earthly gets through its environment, never on its command line or in the terminal; stored in
// VS Code's secret storage, the next run does not ask. Earthly here is the stand-in on PATH, which
// records the SHA-256 of each secret it was given.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { answer, pick } from './acrLogin';
import { openTaskPicker, row, waitForRuns } from './earthlyTask';
import { runCommand, waitForTerminalText, waitForWorkbench, type Flow } from './workbench';

const STEP_TIMEOUT = 30_000;
const DIR = 'secret-flow';
const TARGET = `./${DIR}+deploy`;
const LABEL = 'deploy with a token';
const SECRET = 'FLOW_DEPLOY_TOKEN';
const VALUE = 'flow-token-5f0c9e';

const tasksJsonOf = (workspace: string): string => join(workspace, '.vscode', 'tasks.json');

/** Tasks: Run Task → the tasks.json task labelled LABEL. */
async function runLabelledTask(page: Page): Promise<void> {
  await openTaskPicker(page);
  await page.locator('.quick-input-widget input').fill(LABEL);
  await row(page, LABEL).click({ timeout: STEP_TIMEOUT });
}

export const runSecretFlow: Flow = {
  name: 'A task naming a secret asks for it in a password box, passes it only through the environment, and stored, does not ask again',
  prepare(workspace) {
    mkdirSync(join(workspace, DIR), { recursive: true });
    writeFileSync(join(workspace, DIR, 'Earthfile'), ['VERSION 0.8', 'deploy:', '    FROM alpine:3.20', `    RUN --secret ${SECRET} ./deploy.sh`, ''].join('\n'));
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(tasksJsonOf(workspace), JSON.stringify({ version: '2.0.0', tasks: [{ type: 'earthly', label: LABEL, target: TARGET, secrets: [SECRET] }] }, null, 2));
  },
  async run({ page, workspace, screenshot }) {
    try {
      await waitForWorkbench(page);
      await runLabelledTask(page);
      await answer(page, `The value of ${SECRET}`, VALUE);
      await pick(page, `Store ${SECRET} in VS Code's secret storage`);
      const [first] = await waitForRuns(page, workspace, TARGET, 1, 'the task did not run after the secret was given');

      const expected = ['--secret', SECRET, TARGET];
      if (first.argv.join(' ') !== expected.join(' ')) throw new Error(`argv ${JSON.stringify(first.argv)}, expected ${JSON.stringify(expected)}`);
      const digest = createHash('sha256').update(VALUE).digest('hex');
      if (first.secrets[SECRET] !== digest) throw new Error(`earthly got ${SECRET} with digest ${first.secrets[SECRET]}, not that of the typed value`);
      await waitForTerminalText(page, `earthly --secret ${SECRET} ${TARGET}`);
      await waitForTerminalText(page, 'SUCCESS');
      const shown = (await page.locator('.xterm-rows').allInnerTexts()).join('\n');
      if (shown.includes(VALUE)) throw new Error('the secret value is shown in a terminal');
      await screenshot('run-secret-terminal');

      // Stored: the second run gets the value from the secret storage without a prompt (a prompt
      // would hold the run, so the run happening is the proof).
      await runLabelledTask(page);
      const [, second] = await waitForRuns(page, workspace, TARGET, 2, 'the second run did not happen without a prompt');
      if (second.secrets[SECRET] !== digest) throw new Error('the second run did not get the stored secret');

      await runCommand(page, 'Earthly: Delete Secret…');
      await pick(page, SECRET);
    } finally {
      rmSync(tasksJsonOf(workspace), { force: true });
    }
  },
};
