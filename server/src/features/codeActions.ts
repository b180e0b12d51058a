// Quick fixes: the fixes a diagnostic carries (computed with it by the checks) as code actions.
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Edit, Fix } from '../analysis/checks/finding';
import type { LineIndex } from '../text/lineIndex';
import { pathToUri } from '../uri';

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

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** True when the ranges share a position (a cursor at either end of a diagnostic counts). */
function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The quick fixes of those `diagnostics` that touch `range`. */
export function quickFixes(diagnostics: readonly Diagnostic[], range: Range): CodeAction[] {
  return diagnostics.flatMap((diagnostic) =>
    overlaps(diagnostic.range, range) && isDiagnosticData(diagnostic.data)
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
