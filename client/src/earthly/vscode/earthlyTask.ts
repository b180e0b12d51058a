// Earthly tasks: the definition VS Code stores in tasks.json, and the Task object that runs one through
// the runner's pseudoterminal. The task provider, CodeLens and the target picker all create tasks here.
import * as vscode from 'vscode';
import { targetReferenceOf } from '../../../../shared/src/targetReference';
import { EARTHLY_TASK_TYPE, type EarthlyTaskFields } from '../run/taskDefinition';

export { EARTHLY_TASK_TYPE } from '../run/taskDefinition';

export interface EarthlyTaskDefinition extends vscode.TaskDefinition, EarthlyTaskFields {
  readonly type: 'earthly';
}

/** Problem matcher contributed in package.json: Earthly's `<Earthfile> line N:M message` errors. */
export const EARTHLY_PROBLEM_MATCHER = '$earthly';

/** Opens the pseudoterminal of one run: `rerun` executes the same task again. */
export type RunTerminalFactory = (
  definition: vscode.TaskDefinition,
  folder: vscode.WorkspaceFolder,
  rerun: () => Thenable<unknown>,
) => vscode.Pseudoterminal;

/** Creates the tasks that run through one runner's pseudoterminal (built by the runner, earthlyRunner.ts). */
export class EarthlyTasks {
  constructor(private readonly openRunTerminal: RunTerminalFactory) {}

  /** A task that runs `definition` in an integrated terminal, named `name` (default: the target reference). */
  create(definition: EarthlyTaskDefinition, folder: vscode.WorkspaceFolder, name?: string): vscode.Task {
    const task: vscode.Task = new vscode.Task(
      definition,
      folder,
      name ?? definition.target,
      EARTHLY_TASK_TYPE,
      new vscode.CustomExecution(async (resolved) => this.openRunTerminal(resolved, folder, () => vscode.tasks.executeTask(task))),
      [EARTHLY_PROBLEM_MATCHER],
    );
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true, showReuseMessage: false };
    return task;
  }
}

/** Workspace-relative reference of a target (./services/api+build, or +build for the folder's root Earthfile). */
export function targetReference(folder: vscode.WorkspaceFolder, earthfileUri: vscode.Uri, target: string): string {
  return targetReferenceOf(folder.uri.fsPath, earthfileUri.fsPath, target);
}
