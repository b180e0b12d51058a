// The findings of `earthfile lint` in its three formats: lines for people, JSON for scripts, and
// SARIF 2.1.0 for code-scanning services.
import { sep } from 'node:path';
import type { RuleSpec } from '../analysis/checks/check';
import type { Severity } from '../analysis/checks/finding';
import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { LSP_SEVERITY } from '../features/diagnostics';
import { displayPath } from './findEarthfiles';

export interface LintProblem {
  /** Absolute path. */
  readonly file: string;
  /** 1-based, columns in UTF-16 code units (SARIF's default `columnKind`). */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

export type LintFormat = 'human' | 'json' | 'sarif';

const SEVERITY_NAME = new Map<DiagnosticSeverity | undefined, Severity>(Object.entries(LSP_SEVERITY).map(([name, lsp]) => [lsp, name as Severity]));

/** A diagnostic of the language service for the file at `file`, as lint reports it. */
export function lintProblem(file: string, diagnostic: Diagnostic): LintProblem {
  const { start, end } = diagnostic.range;
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: SEVERITY_NAME.get(diagnostic.severity) ?? 'error',
    code: String(diagnostic.code),
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
  };
}

const SARIF_LEVEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function human(problems: readonly LintProblem[], root: string): string {
  return problems
    .map((p) => `${displayPath(p.file, root)}:${p.line}:${p.column}: ${p.severity} ${p.code} ${p.message}\n`)
    .join('');
}

function json(problems: readonly LintProblem[], root: string): string {
  return `${JSON.stringify(problems.map((p) => ({ ...p, file: displayPath(p.file, root) })), null, 2)}\n`;
}

function sarif(problems: readonly LintProblem[], root: string, rules: ReadonlyMap<string, RuleSpec>, version: string): string {
  const ruleIds = [...rules.keys()];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'earthfile',
            version,
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: rules.get(id)?.summary ?? id },
              defaultConfiguration: { level: SARIF_LEVEL[rules.get(id)?.severity ?? 'warning'] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `file://${root.split(sep).join('/')}/` } },
        results: problems.map((p) => ({
          ruleId: p.code,
          ...(ruleIds.includes(p.code) ? { ruleIndex: ruleIds.indexOf(p.code) } : {}),
          level: SARIF_LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: displayPath(p.file, root), uriBaseId: 'SRCROOT' },
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

export function formatReport(
  format: LintFormat,
  problems: readonly LintProblem[],
  root: string,
  rules: ReadonlyMap<string, RuleSpec>,
  version: string,
): string {
  if (format === 'json') return json(problems, root);
  if (format === 'sarif') return sarif(problems, root, rules, version);
  return human(problems, root);
}
