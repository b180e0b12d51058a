// The language service facade: plain functions over document text that return LSP-typed values.
// Only server.ts knows about the transport; the CLI and the tests call these directly.
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnose } from './features/diagnostics';

export function diagnostics(text: string): Diagnostic[] {
  return diagnose(text);
}
