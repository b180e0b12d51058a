// Diagnostics for one Earthfile: plain data in, LSP-typed diagnostics out.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

/** The first line that is neither blank nor a comment, with its line number. */
function firstStatement(text: string): { line: number; text: string } | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return { line: i, text: lines[i] };
  }
  return undefined;
}

/** Earthly refuses to build an Earthfile whose first statement is not VERSION. */
function missingVersion(text: string): Diagnostic[] {
  const first = firstStatement(text);
  if (first && /^VERSION(\s|$)/.test(first.text)) return [];
  const line = first?.line ?? 0;
  return [
    {
      range: { start: { line, character: 0 }, end: { line, character: first?.text.length ?? 0 } },
      severity: DiagnosticSeverity.Error,
      code: 'E-missing-version',
      source: 'earthly',
      message: 'No VERSION: an Earthfile must start with a VERSION line, e.g. "VERSION 0.8".',
    },
  ];
}

export function diagnose(text: string): Diagnostic[] {
  return missingVersion(text);
}
