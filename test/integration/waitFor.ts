// Polling helpers: integration tests wait for outcomes, never for fixed durations.
import * as vscode from 'vscode';

const POLL_MS = 50;
const TIMEOUT_MS = 20_000;

/** Polls `probe` until it returns a truthy value, and returns that value; fails naming `what`. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>): Promise<NonNullable<T>> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A file of the test workspace (the first workspace folder). */
export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The integration tests need a workspace folder (the demo workspace).');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** Closes every editor without saving, so no test leaves dirty or untitled documents to the next. */
export async function closeAllEditors(): Promise<void> {
  const open = () => vscode.window.tabGroups.all.some((group) => group.tabs.length > 0);
  for (let i = 0; i < 100 && open(); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  if (open()) await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
