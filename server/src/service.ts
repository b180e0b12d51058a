// The language service facade: plain functions over document text that return LSP-typed values.
// Only server.ts knows about the transport; the CLI and the tests call these directly.
import type { Diagnostic } from 'vscode-languageserver-types';
import { buildFileModel } from './analysis/fileModel';
import type { FileModel } from './analysis/model';
import { diagnose, type DiagnoseOptions, type DiagnosticSettings } from './features/diagnostics';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';
import { parse } from './parser';

/** Parses and analyses one Earthfile. Never throws, whatever the text. */
export function analyze(text: string): FileModel {
  const { tree, errors } = parse(text);
  return buildFileModel(tree, errors);
}

export function diagnostics(
  text: string,
  settings: DiagnosticSettings = DEFAULT_SETTINGS.diagnostics,
  options: DiagnoseOptions = {},
): Diagnostic[] {
  return diagnose(analyze(text), settings, options);
}
