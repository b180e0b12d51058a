// The language service facade: plain functions over document text that return LSP-typed values.
// Only server.ts knows about the transport; the CLI and the tests call these directly.
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeText } from './analysis/analyze';
import { diagnose, type DiagnoseOptions, type DiagnosticSettings } from './features/diagnostics';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';

/** Parses and analyses one Earthfile. Never throws, whatever the text. */
export const analyze = analyzeText;

export function diagnostics(
  text: string,
  settings: DiagnosticSettings = DEFAULT_SETTINGS.diagnostics,
  options: DiagnoseOptions = {},
): Diagnostic[] {
  return diagnose(analyze(text), settings, options);
}
