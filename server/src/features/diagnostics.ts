// Diagnostics for one Earthfile: the checks' findings as LSP diagnostics, after the user's settings.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { FileModel } from '../analysis/model';
import { runChecks, type CheckOptions } from '../analysis/checks';
import type { Severity } from '../analysis/checks/finding';
import { toQuickFix, type DiagnosticData } from './codeActions';
import { LineIndex } from '../text/lineIndex';
import { DEFAULT_SETTINGS, type EarthlySettings } from '../../../shared/src/settings';

export type DiagnosticSettings = EarthlySettings['diagnostics'];

export const LSP_SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const LSP_TAG = { unnecessary: DiagnosticTag.Unnecessary, deprecated: DiagnosticTag.Deprecated } as const;

export interface DiagnoseOptions extends CheckOptions {
  /** The document's URI, for related locations in the same file. */
  readonly uri?: string;
}

export function diagnose(
  model: FileModel,
  settings: DiagnosticSettings = DEFAULT_SETTINGS.diagnostics,
  options: DiagnoseOptions = {},
): Diagnostic[] {
  if (!settings.enable) return [];
  // Built on the first finding: a clean file needs no line table.
  let index: LineIndex | undefined;
  const diagnostics: Diagnostic[] = [];
  for (const finding of runChecks(model, options)) {
    const severity = settings.severity[finding.code] ?? finding.severity;
    if (severity === 'off') continue;
    const lines = (index ??= new LineIndex(model.tree.text));
    const diagnostic: Diagnostic = {
      range: { start: lines.positionAt(finding.range.start), end: lines.positionAt(finding.range.end) },
      severity: LSP_SEVERITY[severity],
      code: finding.code,
      source: 'earthly',
      message: finding.message,
    };
    if (finding.tag) diagnostic.tags = [LSP_TAG[finding.tag]];
    if (finding.related && options.uri) {
      diagnostic.relatedInformation = [
        {
          location: {
            uri: options.uri,
            range: { start: lines.positionAt(finding.related.range.start), end: lines.positionAt(finding.related.range.end) },
          },
          message: finding.related.message,
        },
      ];
    }
    if (finding.fixes?.length) {
      diagnostic.data = { fixes: finding.fixes.map((fix) => toQuickFix(options.uri ?? '', fix, lines)) } satisfies DiagnosticData;
    }
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
