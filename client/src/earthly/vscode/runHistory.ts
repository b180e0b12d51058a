// The workspace's memory of runs: recent runs (for "Re-run Last Target" and the picker's order) and the
// answers "Run…" was given per target. Both live in workspaceState.
import * as vscode from 'vscode';
import { parseRecentRuns, withRun, type RecentRun } from '../run/recentRuns';
import { parseRunAnswers, type RunAnswers } from '../run/runAnswers';
import type { TargetLocation } from '../run/targetLocation';

const RECENT_RUNS_KEY = 'earthly.recentRuns';
const ANSWERS_KEY_PREFIX = 'earthly.runAnswers:';
/** Context key for `enablement` of "Re-run Last Target". */
const HAS_RECENT_RUN_CONTEXT = 'earthly.hasRecentRun';

export class RunHistory {
  constructor(private readonly state: vscode.Memento) {
    void this.publish();
  }

  recent(): RecentRun[] {
    return parseRecentRuns(this.state.get(RECENT_RUNS_KEY));
  }

  async record(run: RecentRun): Promise<void> {
    await this.state.update(RECENT_RUNS_KEY, withRun(this.recent(), run));
    await this.publish();
  }

  answersFor(location: TargetLocation): RunAnswers {
    return parseRunAnswers(this.state.get(answersKey(location)));
  }

  async remember(location: TargetLocation, answers: RunAnswers): Promise<void> {
    await this.state.update(answersKey(location), answers);
  }

  private async publish(): Promise<void> {
    await vscode.commands.executeCommand('setContext', HAS_RECENT_RUN_CONTEXT, this.recent().length > 0);
  }
}

function answersKey(location: TargetLocation): string {
  return `${ANSWERS_KEY_PREFIX}${location.uri}+${location.target}`;
}
