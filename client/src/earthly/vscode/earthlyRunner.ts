// Registers the Earthly runner: the `earthly` task provider, the pseudoterminal every Earthly task runs
// in, the binary's language status, and "Earthly: Set/Delete Secret…". Cheap at activation: the binary
// is probed in the background and Earthfiles are listed only when tasks are asked for.
import * as vscode from 'vscode';
import type { AcrApi } from '../../acr';
import { COMMAND_IDS } from '../../commandIds';
import { AcrBeforeRun } from './acrBeforeRun';
import { BinaryStatus } from './binaryStatus';
import { EARTHLY_TASK_TYPE, EarthlyTasks } from './earthlyTask';
import { RunTerminal, type RunOutcome } from './runTerminal';
import { EarthlyTaskProvider } from './taskProvider';
import { TaskSecrets } from './taskSecrets';
import { WorkspaceTargets, type TargetsSource } from './workspaceTargets';

/** The runner's part of the extension API (tests, and the run UI). */
export interface EarthlyRunnerApi {
  readonly targets: WorkspaceTargets;
  /** Creates the tasks that run through this runner. */
  readonly tasks: EarthlyTasks;
  /** Fires when a run ends (also when it never started: invalid task, no binary, cancelled). */
  readonly onDidFinishRun: vscode.Event<RunOutcome>;
  /** The language status item's text and detail (binary and version), after probing again. */
  binaryStatus(): Promise<{ readonly text: string; readonly detail: string | undefined }>;
}

export function registerEarthlyRunner(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, acr: AcrApi, server: TargetsSource): EarthlyRunnerApi {
  const targets = new WorkspaceTargets(server, log);
  const finished = new vscode.EventEmitter<RunOutcome>();
  const secrets = new TaskSecrets(context.secrets, context.globalState);
  const services = { log, secrets, acr: new AcrBeforeRun(acr, targets, log), finished };
  const status = new BinaryStatus(log);
  // A run re-executed after "Sign in again" does not offer it a second time.
  const rerunning = new Set<string>();
  const tasks = new EarthlyTasks((definition, folder, rerun) => {
    const key = JSON.stringify([folder.uri.toString(), definition]);
    const isRerun = rerunning.delete(key);
    return new RunTerminal(definition, folder, services, !isRerun, () => {
      rerunning.add(key);
      return rerun();
    });
  });
  context.subscriptions.push(
    targets,
    finished,
    status,
    vscode.tasks.registerTaskProvider(EARTHLY_TASK_TYPE, new EarthlyTaskProvider(targets, tasks, log)),
    vscode.commands.registerCommand(COMMAND_IDS.setSecret, (name?: string, value?: string) => secrets.setCommand(name, value)),
    vscode.commands.registerCommand(COMMAND_IDS.deleteSecret, (name?: string) => secrets.deleteCommand(name)),
  );
  return {
    targets,
    tasks,
    onDidFinishRun: finished.event,
    binaryStatus: async () => {
      await status.refresh();
      return status.describe();
    },
  };
}
