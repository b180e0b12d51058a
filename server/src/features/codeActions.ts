// Quick fixes: the fixes a diagnostic carries (computed with it by the checks) as code actions.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { Edit, Fix } from '../analysis/checks/finding';
import { pathToUri } from '../analysis/workspaceIndex';
import type { LineIndex } from '../parser/lineIndex';

/** A fix as it travels in a diagnostic's `data`: its edits already in LSP positions. */
export interface QuickFix {
  readonly title: string;
  readonly preferred: boolean;
  readonly edit: WorkspaceEdit;
}

export interface DiagnosticData {
  readonly fixes: readonly QuickFix[];
}

function textEdit(edit: Edit, lines: LineIndex): TextEdit {
  if (edit.path !== undefined && edit.position) {
    return { range: { start: edit.position, end: edit.position }, newText: edit.newText };
  }
  return { range: { start: lines.positionAt(edit.range.start), end: lines.positionAt(edit.range.end) }, newText: edit.newText };
}

/** A check's fix for the document `uri`, whose text `lines` indexes. */
export function toQuickFix(uri: string, fix: Fix, lines: LineIndex): QuickFix {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of fix.edits) {
    const target = edit.path !== undefined ? pathToUri(edit.path) : uri;
    (changes[target] ??= []).push(textEdit(edit, lines));
  }
  return { title: fix.title, preferred: fix.preferred ?? false, edit: { changes } };
}

function isDiagnosticData(data: unknown): data is DiagnosticData {
  return typeof data === 'object' && data !== null && Array.isArray((data as DiagnosticData).fixes);
}

/** The quick fixes of `diagnostics`, those the editor sends in a code action request's context. */
export function quickFixes(diagnostics: readonly Diagnostic[]): CodeAction[] {
  return diagnostics.flatMap((diagnostic) =>
    isDiagnosticData(diagnostic.data)
      ? diagnostic.data.fixes.map(
          (fix): CodeAction => ({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.preferred,
            edit: fix.edit,
          }),
        )
      : [],
  );
}
