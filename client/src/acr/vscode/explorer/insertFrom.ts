// Insert FROM: `FROM host/repo:tag` as a statement of its own at the cursor of the active Earthfile, or,
// without one, at the start of a target picked from the workspace's Earthfiles.
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../../../shared/src/earthfileNames';
import { blockStartInsertion, fromLine, statementInsertion, type LineInsertion } from '../../registry/imageReferences';
import type { ExplorerPrompts } from './explorerPrompts';

/** A target of the workspace's Earthfiles, as the Earthly side lists them. */
export interface EarthfileTarget {
  /** `+build`, `./services/api+build` */
  readonly reference: string;
  readonly earthfile: vscode.Uri;
  /** 0-based line of the target's header. */
  readonly line: number;
  /** The workspace folder, when there are several. */
  readonly folder?: string;
}

const documentLines = (document: vscode.TextDocument): string[] => document.getText().split(/\r?\n/);
const eolOf = (document: vscode.TextDocument): string => (document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');

async function apply(editor: vscode.TextEditor, insertion: LineInsertion): Promise<boolean> {
  const range = new vscode.Range(insertion.line, insertion.start, insertion.line, insertion.end);
  const applied = await editor.edit((builder) => builder.replace(range, insertion.text));
  if (applied) {
    // The cursor goes to the end of the new statement.
    const lines = insertion.text.split(/\r?\n/);
    const end = new vscode.Position(insertion.line + lines.length - 1, (lines.length === 1 ? insertion.start : 0) + lines.at(-1)!.length);
    editor.selection = new vscode.Selection(end, end);
    editor.revealRange(new vscode.Range(end, end));
  }
  return applied;
}

/** Resolves true once the line is in an Earthfile; false when there was nowhere to put it or the person cancelled. */
export async function insertFrom(reference: string, targets: () => Promise<readonly EarthfileTarget[]>, prompts: ExplorerPrompts): Promise<boolean> {
  const statement = fromLine(reference);
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === LANGUAGE_ID) {
    return apply(editor, statementInsertion(documentLines(editor.document), editor.selection.active.line, statement, eolOf(editor.document)));
  }
  const choices = (await targets()).map((target) => ({
    label: target.reference,
    description: target.folder ?? '',
    detail: vscode.workspace.asRelativePath(target.earthfile),
    target,
  }));
  if (choices.length === 0) {
    await prompts.info(`Open an Earthfile to insert "${statement}": the workspace has no Earthfile targets.`);
    return false;
  }
  const picked = await prompts.pick(choices, { title: `ACR: Insert ${statement} into…`, placeHolder: 'The target whose recipe starts with it', matchOnDetail: true });
  if (!picked) return false;
  const document = await vscode.workspace.openTextDocument(picked.target.earthfile);
  const shown = await vscode.window.showTextDocument(document);
  return apply(shown, blockStartInsertion(documentLines(document), picked.target.line, statement, eolOf(document)));
}
