// Run lenses above targets, and the run commands, against the stand-in earthly on PATH (it records each
// run's argv to $EARTHLY_STANDIN_RECORD).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EarthlyApi } from '../../client/src/extension';
import { standInRuns, type StandInRun } from './standInEarthly';
import { closeAllEditors, openScratchEarthfile, waitFor } from './waitFor';

const EARTHFILE = [
  'VERSION 0.8', // 0
  'FROM alpine:3.20', // 1
  '', // 2
  '# Builds the binary.', // 3
  'build:', // 4
  '    ARG --required VERSION', // 5
  '    RUN echo "$VERSION" > /version', // 6
  '', // 7
  'GREET:', // 8
  '    FUNCTION', // 9
  '    RUN echo hello', // 10
  '', // 11
  'image:', // 12
  '    FROM +build', // 13
  '    DO +GREET', // 14
  '    SAVE IMAGE --push localhost:5000/codelens/image:latest', // 15
  '',
].join('\n');

async function earthlyApi(): Promise<EarthlyApi> {
  const extension = vscode.extensions.getExtension<EarthlyApi>('earthly-acr.earthly-acr');
  assert.ok(extension, 'the extension is not installed');
  return extension.activate();
}

/** Runs `action`, then waits for the stand-in's record of the run it started and for the run to end. */
async function recordedRun(action: () => Thenable<unknown>): Promise<StandInRun> {
  const api = await earthlyApi();
  const before = standInRuns().length;
  const outcomes: unknown[] = [];
  const subscription = api.earthly.onDidFinishRun((outcome) => outcomes.push(outcome));
  const explain = () => `runs that ended: ${JSON.stringify(outcomes)}`;
  try {
    await action();
    const run = await waitFor('the stand-in earthly to record a run', () => standInRuns()[before], explain);
    await waitFor('the run to end', () => outcomes.length > 0, explain);
    // The task system lets go of a task after its terminal closes; until then, running it again asks first.
    await waitFor('the task to leave the running tasks', () => !vscode.tasks.taskExecutions.some((e) => e.task.definition.type === 'earthly'));
    return run;
  } finally {
    subscription.dispose();
  }
}

async function lensesOf(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
}

function describeLenses(lenses: readonly vscode.CodeLens[]): string[] {
  return lenses.map((lens) => `${lens.range.start.line} ${lens.command?.title}`).sort();
}

describe('Run lenses and run commands', () => {
  let doc: vscode.TextDocument;
  /** How Earthly names the scratch Earthfile's targets from the workspace folder: `./scratch/<id>+`. */
  let referencePrefix: string;
  let folderPath: string;

  before(async () => {
    doc = await openScratchEarthfile(EARTHFILE);
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    assert.ok(folder, 'the scratch Earthfile is outside the workspace folder');
    folderPath = folder.uri.fsPath;
    referencePrefix = `./${path.relative(folderPath, path.dirname(doc.uri.fsPath)).split(path.sep).join('/')}+`;
  });

  after(closeAllEditors);

  it('puts Run and Run… above every target, Run with --push only above pushing ones, nothing above functions', async () => {
    const lenses = await waitFor('the run lenses', async () => {
      const found = await lensesOf(doc);
      return found.length >= 5 ? found : undefined;
    });
    assert.deepEqual(describeLenses(lenses), ['12 $(play) Run', '12 Run with --push', '12 Run…', '4 $(play) Run', '4 Run…']);
    const run = lenses.find((lens) => lens.range.start.line === 4 && lens.command?.command === 'earthly.runTarget');
    assert.deepEqual(run?.command?.arguments, [{ uri: doc.uri.toString(), target: 'build' }]);
  });

  it('follows edits: a target added to the open document gets its lenses', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), '\nextra:\n    RUN true\n'));
    const lenses = await waitFor('lenses for the new target', async () => {
      const found = await lensesOf(doc);
      return found.some((lens) => lens.command?.arguments?.[0]?.target === 'extra') ? found : undefined;
    });
    assert.equal(lenses.filter((lens) => lens.command?.arguments?.[0]?.target === 'extra').length, 2);
    await doc.save();
  });

  it('shows no lenses when earthly.codeLens.enable is off', async () => {
    const config = vscode.workspace.getConfiguration('earthly');
    await config.update('codeLens.enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the lenses to go', async () => (await lensesOf(doc)).length === 0);
    } finally {
      await config.update('codeLens.enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the lenses to come back', async () => (await lensesOf(doc)).length > 0);
  });

  it('"Run with --push" runs earthly --push on the target, from the workspace folder', async () => {
    const lens = (await lensesOf(doc)).find((l) => l.command?.title === 'Run with --push');
    assert.ok(lens?.command, 'no "Run with --push" lens');
    const { command, arguments: args = [] } = lens.command;
    const run = await recordedRun(() => vscode.commands.executeCommand(command, ...args));
    assert.deepEqual(run.argv, ['--push', `${referencePrefix}image`]);
    assert.equal(run.cwd, folderPath);
  });

  it('"Run Target at Cursor" runs the target whose block holds the cursor', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(7, 0, 7, 0); // the blank line at the end of build's block
    const run = await recordedRun(() => vscode.commands.executeCommand('earthly.runTargetAtCursor'));
    assert.deepEqual(run.argv, [`${referencePrefix}build`]);
  });

  it('"Run Target at Cursor" runs nothing in a function or the base recipe, nor a lens command given no target', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    const before = standInRuns().length;
    for (const line of [1, 9]) {
      editor.selection = new vscode.Selection(line, 0, line, 0);
      assert.equal(await vscode.commands.executeCommand('earthly.runTargetAtCursor'), undefined, `line ${line}`);
    }
    assert.equal(await vscode.commands.executeCommand('earthly.runTarget', 'not a location'), undefined);
    assert.equal(vscode.tasks.taskExecutions.filter((e) => e.task.definition.type === 'earthly').length, 0, 'a task started');
    assert.equal(standInRuns().length, before);
  });

  it('the editor title\'s run button runs the target at the cursor', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(14, 4, 14, 4); // DO +GREET, inside image's block
    const run = await recordedRun(() => vscode.commands.executeCommand('earthly.runEditorTarget'));
    assert.deepEqual(run.argv, [`${referencePrefix}image`]);
  });

  it('"Re-run Last Target" repeats the last run, flags included', async () => {
    const lens = (await lensesOf(doc)).find((l) => l.command?.title === 'Run with --push');
    assert.ok(lens?.command);
    const { command, arguments: args = [] } = lens.command;
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(5, 4, 5, 4);
    await recordedRun(() => vscode.commands.executeCommand('earthly.runTargetAtCursor'));
    const again = await recordedRun(() => vscode.commands.executeCommand('earthly.rerunLastTarget'));
    assert.deepEqual(again.argv, [`${referencePrefix}build`]);

    await recordedRun(() => vscode.commands.executeCommand(command, ...args));
    const pushAgain = await recordedRun(() => vscode.commands.executeCommand('earthly.rerunLastTarget'));
    assert.deepEqual(pushAgain.argv, ['--push', `${referencePrefix}image`]);
  });
});
