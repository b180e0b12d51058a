// The commands that run targets: CodeLens's Run / Run with --push / Run…, "Earthly: Run Target…",
// "Re-run Last Target", "Run Target at Cursor" and the editor title's run button. Every run is an
// `earthly` task, so the runner's pre-run registry refresh and problem matcher apply to it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../../shared/src/earthfileNames';
import { errorMessage } from '../../../../shared/src/errorMessage';
import { COMMAND_IDS } from '../../commandIds';
import { enclosingBlock, type EnclosingBlock } from '../run/enclosingBlock';
import { NO_ANSWERS, runDefinition, type RunAnswers } from '../run/runAnswers';
import { asTargetLocation, type TargetLocation } from '../run/targetLocation';
import { pickRows, type PickableTarget } from '../run/targetPickRows';
import { targetReference, type EarthlyTasks } from './earthlyTask';
import { RunHistory } from './runHistory';
import { askRunAnswers } from './runPrompts';
import type { WorkspaceTarget, WorkspaceTargets } from './workspaceTargets';

const WITH_PUSH: RunAnswers = { args: {}, flags: ['--push'] };

/** What "Run Target at Cursor" says when the cursor is not in a target. */
function notATarget(block: Exclude<EnclosingBlock, { kind: 'target' }>): string {
  return block.kind === 'function'
    ? `Earthly: ${block.name} is a function: it runs only through DO inside a target. Put the cursor inside a target to run it.`
    : 'Earthly: the cursor is in the base recipe, which runs as part of every target but not on its own. Put the cursor inside a target to run it.';
}

type TargetItem = vscode.QuickPickItem & { readonly target?: PickableTarget };

const RUN_WITH_ARGS_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('settings-gear'), tooltip: 'Run with ARGs and flags…' };

function pickable({ earthfile, reference, target }: WorkspaceTarget): PickableTarget {
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return {
    location: { uri: earthfile.toString(), target: target.name },
    reference,
    earthfilePath: vscode.workspace.asRelativePath(earthfile, multiRoot),
    line: target.line,
    ...(target.doc ? { doc: target.doc } : {}),
  };
}

export function registerRunCommands(context: vscode.ExtensionContext, targets: WorkspaceTargets, tasks: EarthlyTasks, log: vscode.LogOutputChannel): void {
  const history = new RunHistory(context.workspaceState);

  const failed = (error: unknown): void => {
    const message = errorMessage(error);
    log.error(`Earthly run: ${message}`);
    void vscode.window.showErrorMessage(`Earthly: ${message}`, 'Show Output').then((choice) => choice && log.show());
  };

  /** The workspace folder Earthly runs the target from; explains itself when there is none. */
  const folderOf = (uri: vscode.Uri): vscode.WorkspaceFolder | undefined => {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) void vscode.window.showWarningMessage(`Earthly: ${path.basename(uri.fsPath)} is not in a workspace folder; open its folder to run its targets.`);
    return folder;
  };

  /** Runs the target as a task; the execution is what the commands return (tests read it). */
  const run = async (location: TargetLocation, answers: RunAnswers): Promise<vscode.TaskExecution | undefined> => {
    const uri = vscode.Uri.parse(location.uri);
    const folder = folderOf(uri);
    if (!folder) return undefined;
    const definition = runDefinition(targetReference(folder, uri, location.target), answers);
    await history.record({ location, answers });
    log.info(`Running ${definition.target}${definition.flags ? ` ${definition.flags.join(' ')}` : ''}.`);
    return vscode.tasks.executeTask(tasks.create(definition, folder));
  };

  const runWithArgs = async (location: TargetLocation): Promise<vscode.TaskExecution | undefined> => {
    const uri = vscode.Uri.parse(location.uri);
    const folder = folderOf(uri);
    if (!folder) return undefined;
    const target = (await targets.targetsOf(uri)).find((t) => t.name === location.target);
    if (!target) {
      void vscode.window.showWarningMessage(`Earthly: ${vscode.workspace.asRelativePath(uri)} has no target ${location.target} any more.`);
      return undefined;
    }
    const answers = await askRunAnswers(target, targetReference(folder, uri, target.name), history.answersFor(location));
    if (!answers) return undefined;
    await history.remember(location, answers);
    return run(location, answers);
  };

  const pickTarget = async (): Promise<vscode.TaskExecution | undefined> => {
    const pick = vscode.window.createQuickPick<TargetItem>();
    pick.title = 'Earthly: Run Target';
    pick.placeholder = 'Pick a target to run';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.busy = true;
    const loading = new vscode.CancellationTokenSource();
    const chosen = new Promise<{ target: PickableTarget; withArgs: boolean } | undefined>((resolve) => {
      pick.onDidAccept(() => {
        const target = pick.selectedItems[0]?.target;
        if (target) resolve({ target, withArgs: false });
      });
      pick.onDidTriggerItemButton(({ item }) => item.target && resolve({ target: item.target, withArgs: true }));
      pick.onDidHide(() => {
        loading.cancel();
        resolve(undefined);
      });
    });
    pick.show();
    try {
      const listed = (await targets.list(loading.token)).map(pickable);
      if (loading.token.isCancellationRequested) return undefined;
      if (listed.length === 0) {
        pick.hide();
        void vscode.window.showInformationMessage('Earthly: no targets found in the Earthfiles of this workspace.');
        return undefined;
      }
      pick.items = pickRows(listed, history.recent()).map((row): TargetItem =>
        row.kind === 'separator'
          ? { label: row.label, kind: vscode.QuickPickItemKind.Separator }
          : { label: row.label, description: row.description, detail: row.detail, target: row.target, buttons: [RUN_WITH_ARGS_BUTTON] },
      );
      pick.busy = false;
      const choice = await chosen;
      pick.hide();
      if (!choice) return undefined;
      return await (choice.withArgs ? runWithArgs(choice.target.location) : run(choice.target.location, NO_ANSWERS));
    } catch (error) {
      pick.hide();
      if (!loading.token.isCancellationRequested) failed(error);
      return undefined;
    } finally {
      pick.dispose();
      loading.dispose();
    }
  };

  const rerunLast = async (): Promise<vscode.TaskExecution | undefined> => {
    const last = history.recent()[0];
    if (last) return run(last.location, last.answers);
    const choice = await vscode.window.showInformationMessage('Earthly: no target has been run in this workspace yet.', 'Run Target…');
    return choice ? pickTarget() : undefined;
  };

  /** The block around the cursor of an Earthfile's editor, and where its target (if it is one) is. */
  const blockAtCursor = async ({ document, selection }: vscode.TextEditor): Promise<{ block: EnclosingBlock; uri: string }> => {
    const summaries = await targets.targetsOf(document.uri);
    return { block: enclosingBlock(document.getText().split(/\r?\n/), summaries, selection.active.line), uri: document.uri.toString() };
  };

  const runAtCursor = async (): Promise<vscode.TaskExecution | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId !== LANGUAGE_ID) {
      void vscode.window.showInformationMessage('Earthly: open an Earthfile and put the cursor inside a target to run it.');
      return undefined;
    }
    const { block, uri } = await blockAtCursor(editor);
    if (block.kind === 'target') return run({ uri, target: block.target.name }, NO_ANSWERS);
    void vscode.window.showInformationMessage(notATarget(block));
    return undefined;
  };

  /** The editor title's button: the target at the cursor, or the picker when the cursor is elsewhere. */
  const runEditorTarget = async (): Promise<vscode.TaskExecution | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const { block, uri } = editor?.document.languageId === LANGUAGE_ID ? await blockAtCursor(editor) : { block: undefined, uri: '' };
    return block?.kind === 'target' ? run({ uri, target: block.target.name }, NO_ANSWERS) : pickTarget();
  };

  /** The command wrapped so a failure becomes a message instead of an unhandled rejection. */
  const guarded =
    <A extends unknown[], R>(command: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | undefined> => {
      try {
        return await command(...args);
      } catch (error) {
        failed(error);
        return undefined;
      }
    };

  /** The lens commands take a TargetLocation; anything else (e.g. from a keybinding) is explained. */
  const withLocation = (command: (location: TargetLocation) => Promise<vscode.TaskExecution | undefined>) =>
    guarded(async (arg: unknown) => {
      const location = asTargetLocation(arg);
      if (location) return command(location);
      void vscode.window.showWarningMessage('Earthly: this command runs the target of a CodeLens; use "Earthly: Run Target…" to pick one.');
      return undefined;
    });

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMAND_IDS.runTarget, withLocation((location) => run(location, NO_ANSWERS))),
    vscode.commands.registerCommand(COMMAND_IDS.runTargetWithPush, withLocation((location) => run(location, WITH_PUSH))),
    vscode.commands.registerCommand(COMMAND_IDS.runTargetWithArgs, withLocation(runWithArgs)),
    vscode.commands.registerCommand(COMMAND_IDS.pickTarget, guarded(pickTarget)),
    vscode.commands.registerCommand(COMMAND_IDS.rerunLastTarget, guarded(rerunLast)),
    vscode.commands.registerCommand(COMMAND_IDS.runTargetAtCursor, guarded(runAtCursor)),
    vscode.commands.registerCommand(COMMAND_IDS.runEditorTarget, guarded(runEditorTarget)),
  );
}
