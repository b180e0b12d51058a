// The targets of Earthfiles, asked of the language server (TARGETS_REQUEST): one file's for CodeLens and
// "Run Target at Cursor", every workspace Earthfile's for "Earthly: Run Target…".
import * as vscode from 'vscode';
import type { TargetsResult, TargetSummary } from '../../../shared/src/protocol';
import { targetReference } from './earthlyTask';
import type { WorkspaceTarget } from './targetPickRows';

/** Sends TARGETS_REQUEST through the language client; rejects with a readable message when it is not running. */
export type TargetsRequest = (uris: readonly string[], token?: vscode.CancellationToken) => Promise<TargetsResult>;

/** The Earthfiles Earthly reads (`Earthfile`, and `build.earth` of old projects). */
const EARTHFILES = '**/{Earthfile,build.earth}';
const MAX_EARTHFILES = 2000;

export async function targetsOf(request: TargetsRequest, uri: vscode.Uri, token?: vscode.CancellationToken): Promise<readonly TargetSummary[]> {
  const result = await request([uri.toString()], token);
  // One URI asked, one file answered: take it even if the server spells the URI differently.
  return (result.files.find((file) => file.uri === uri.toString()) ?? result.files[0])?.targets ?? [];
}

export async function workspaceTargets(request: TargetsRequest, token?: vscode.CancellationToken): Promise<WorkspaceTarget[]> {
  // No exclude argument: `files.exclude` applies; one given would replace it. Dependencies are not the project's.
  const found = await vscode.workspace.findFiles(EARTHFILES, undefined, MAX_EARTHFILES, token);
  const earthfiles = found.filter((uri) => !uri.path.includes('/node_modules/'));
  if (earthfiles.length === 0) return [];
  const byUri = new Map(earthfiles.map((uri) => [uri.toString(), uri]));
  const result = await request([...byUri.keys()], token);
  return result.files.flatMap((file) => {
    const uri = byUri.get(file.uri) ?? vscode.Uri.parse(file.uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return [];
    const earthfilePath = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    return file.targets.map((target) => ({
      location: { uri: uri.toString(), target: target.name },
      reference: targetReference(folder, uri, target.name),
      earthfilePath,
      line: target.line,
      ...(target.doc ? { doc: target.doc } : {}),
    }));
  });
}
