// Checks Earthfiles on disk with the same rules as the editor, resolving references across them.
import { existsSync, readFileSync } from 'node:fs';
import type { Flavor } from '../analysis/checks/finding';
import { runChecks } from '../analysis/checks';
import { WorkspaceIndex } from '../analysis/workspaceIndex';
import { LineIndex } from '../parser/lineIndex';
import { analyze } from '../service';
import type { LintProblem } from './lintReport';

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function lintFiles(files: readonly string[], flavor: Flavor): LintProblem[] {
  const index = new WorkspaceIndex({ readFile: readText, exists: existsSync }, analyze, { homeDir: process.env.HOME });
  const problems: LintProblem[] = [];
  for (const file of files) {
    // Through the index, so a file read earlier for a reference from another file is not read again.
    const model = index.fileAt(file)?.model;
    if (!model) continue;
    let lines: LineIndex | undefined;
    for (const finding of runChecks(model, { flavor, path: file, workspace: index })) {
      lines ??= new LineIndex(model.tree.text);
      const start = lines.positionAt(finding.range.start);
      const end = lines.positionAt(finding.range.end);
      problems.push({
        file,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity: finding.severity,
        code: finding.code,
        message: finding.message,
      });
    }
  }
  return problems;
}
