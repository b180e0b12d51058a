// Polling helpers: integration tests wait for outcomes, never for fixed durations.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';

const POLL_MS = 50;
const TIMEOUT_MS = 20_000;

/**
 * Polls `probe` until it returns a truthy value, and returns that value; fails naming `what`, and
 * what `explain` says about the state at that moment.
 */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, explain?: () => string): Promise<NonNullable<T>> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${explain ? `; ${explain()}` : ''}`);
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

/**
 * Writes `content` to a new Earthfile of the workspace (`scratch/<n>/Earthfile`) and opens it. Each
 * call gets its own file, so no test sees another test's document under the same URI.
 */
export async function openScratchEarthfile(content: string): Promise<vscode.TextDocument> {
  // Each suite bundles its own copy of this module: a random name, not a counter, keeps files apart.
  const uri = workspaceFile(`scratch/${randomUUID()}/Earthfile`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}
