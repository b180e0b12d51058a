// The `earthly` task provider: one task per target of every Earthfile (`earthly: ./services/api+build`),
// a `--push` variant for targets that push images, and hand-written tasks.json entries completed.
import * as vscode from 'vscode';
import { errorMessage } from '../../../../shared/src/errorMessage';
import { EARTHLY_TASK_TYPE, type EarthlyTaskDefinition, type EarthlyTasks } from './earthlyTask';
import type { WorkspaceTargets } from './workspaceTargets';

export const PUSH_FLAG = '--push';

export class EarthlyTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly targets: WorkspaceTargets,
    private readonly tasks: EarthlyTasks,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideTasks(token: vscode.CancellationToken): Promise<vscode.Task[]> {
    let listed;
    try {
      listed = await this.targets.list(token);
    } catch (error) {
      this.log.warn(`Could not list the Earthly targets for tasks: ${errorMessage(error)}`);
      return [];
    }
    const tasks: vscode.Task[] = [];
    for (const { folder, reference, target } of listed) {
      const run = this.tasks.create({ type: EARTHLY_TASK_TYPE, target: reference }, folder, reference);
      if (target.doc) run.detail = target.doc.split('\n')[0];
      tasks.push(run);
      if (target.pushes) {
        const push = this.tasks.create({ type: EARTHLY_TASK_TYPE, target: reference, flags: [PUSH_FLAG] }, folder, `${reference} ${PUSH_FLAG}`);
        push.detail = `Builds and pushes the images of ${reference}`;
        tasks.push(push);
      }
    }
    return tasks;
  }

  /** A tasks.json entry: the same definition object (VS Code requires it), run by the runner, which validates it. */
  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const definition = task.definition as EarthlyTaskDefinition;
    const name = typeof definition.target === 'string' ? definition.target : task.name;
    return this.tasks.create(definition, folder, task.name || name);
  }
}
