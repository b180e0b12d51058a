// Diagnostics for one Earthfile: the checks' findings as LSP diagnostics, after the user's settings.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { FileModel } from '../analysis/model';
import { runChecks, type CheckOptions } from '../analysis/checks';
import type { Fix, Severity } from '../analysis/checks/finding';
import { LineIndex } from '../parser/lineIndex';

export interface DiagnosticSettings {
  readonly enable: boolean;
  /** Per rule code: a severity, or `off`. */
  readonly severity: Readonly<Record<string, Severity | 'off'>>;
}

export const DEFAULT_DIAGNOSTIC_SETTINGS: DiagnosticSettings = { enable: true, severity: {} };

const LSP_SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const LSP_TAG = { unnecessary: DiagnosticTag.Unnecessary, deprecated: DiagnosticTag.Deprecated } as const;

/** What a diagnostic carries for code actions: its fixes, with offsets already in this document. */
export interface DiagnosticData {
  readonly fixes: readonly Fix[];
}

export interface DiagnoseOptions extends CheckOptions {
  /** The document's URI, for related locations in the same file. */
  readonly uri?: string;
}

export function diagnose(
  model: FileModel,
  settings: DiagnosticSettings = DEFAULT_DIAGNOSTIC_SETTINGS,
  options: DiagnoseOptions = {},
): Diagnostic[] {
  if (!settings.enable) return [];
  const lines = new LineIndex(model.tree.text);
  const diagnostics: Diagnostic[] = [];
  for (const finding of runChecks(model, options)) {
    const severity = settings.severity[finding.code] ?? finding.severity;
    if (severity === 'off') continue;
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
    if (finding.fixes?.length) diagnostic.data = { fixes: finding.fixes } satisfies DiagnosticData;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
