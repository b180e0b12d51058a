// Folding ranges: targets and functions, each clause of a block (IF … ELSE … END folds as two, leaving
// the ELSE and END lines visible), commands continued over several lines, runs of comment lines, and
// `# region` … `# endregion` markers (a folding provider replaces the editor's own marker folding).
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { FileModel } from '../analysis/model';
import { forEachCommand, forEachStatement } from '../analysis/statements';
import { CH_HASH, skipBlanks } from '../text/characters';
import type { LineIndex } from '../text/lineIndex';

/** The region markers of language-configuration.json, which the editor no longer reads once this provider answers. */
const REGION_START = /^#\s*region\b/;
const REGION_END = /^#\s*endregion\b/;

export function foldingRanges(model: FileModel, lines: LineIndex): FoldingRange[] {
  const lineOf = (offset: number) => lines.positionAt(offset).line;
  const ranges: FoldingRange[] = [];
  const fold = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
    if (endLine > startLine) ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  for (const recipe of model.recipes) fold(lineOf(recipe.range.start), lineOf(recipe.range.end));
  // A clause folds up to the line before the next clause, or before END.
  const clauseStarts = new Set<number>();
  forEachStatement(model, (statement) => {
    if (statement.kind === 'command') return;
    statement.clauses.forEach((clause, i) => {
      const next = statement.clauses[i + 1]?.command ?? statement.end;
      const start = lineOf(clause.range.start);
      clauseStarts.add(start);
      fold(start, next ? lineOf(next.range.start) - 1 : lineOf(clause.range.end));
    });
  });
  // A command over several lines, unless it opens a clause: that fold starts on the same line and holds it.
  forEachCommand(model, (command) => {
    const start = lineOf(command.range.start);
    if (!clauseStarts.has(start)) fold(start, lineOf(command.range.end));
  });
  commentFolds(model.tree.text, lines, fold);
  return ranges.sort((a, b) => a.startLine - b.startLine);
}

/** Runs of two or more comment lines, and region markers. */
function commentFolds(text: string, lines: LineIndex, fold: (startLine: number, endLine: number, kind?: FoldingRangeKind) => void): void {
  const regions: number[] = [];
  let runStart = -1;
  const endRun = (line: number) => {
    if (runStart >= 0) fold(runStart, line - 1, FoldingRangeKind.Comment);
    runStart = -1;
  };
  for (let line = 0; line < lines.lineCount; line++) {
    const at = skipBlanks(text, lines.lineStart(line));
    if (text.charCodeAt(at) !== CH_HASH) {
      endRun(line);
      continue;
    }
    const comment = text.slice(at, at + 20);
    if (REGION_START.test(comment)) {
      endRun(line);
      regions.push(line);
    } else if (REGION_END.test(comment)) {
      endRun(line);
      const start = regions.pop();
      if (start !== undefined) fold(start, line, FoldingRangeKind.Region);
    } else if (runStart < 0) {
      runStart = line;
    }
  }
  endRun(lines.lineCount);
}
