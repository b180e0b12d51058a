// Go to definition (and declaration, which an Earthfile writes in the same place): the header of the
// target or function a reference names, in whichever Earthfile; the SAVE ARTIFACT lines that produce
// `+t/path`; the ARG, LET, ENV or FOR that a `$NAME` use or a `--NAME=` override means; the IMPORT that
// gives an alias, and the Earthfile an IMPORT brings in; the VERSION flag or number that turns on the
// feature a command, flag or builtin ARG needs. Remote references lead nowhere (their hover says why).

import { artifactSavers } from '../analysis/artifacts';
import type { SourceFile } from '../analysis/model';
import type { Range } from '../parser';
import type { NameAt } from './nameAt';
import type { FeatureContext } from './recipeSignature';

/** A range of an Earthfile. */
export interface FileRange {
  readonly file: SourceFile;
  readonly range: Range;
}

const FILE_START: Range = { start: 0, end: 0 };

/** Where the name at the cursor is defined; empty when it is defined nowhere that can be opened. */
export function definitionOf(at: NameAt, offset: number, context: FeatureContext): FileRange[] {
  const named = at.named;
  switch (named?.kind) {
    case 'recipe':
      return named.recipe.node ? [{ file: named.file, range: span(named.recipe.node.nameRange) }] : [];
    case 'artifact': {
      const savers = artifactSavers(named.recipe, named.path);
      if (savers.length > 0) return savers.map((s) => ({ file: named.file, range: span(s.command.range) }));
      return named.recipe.node ? [{ file: named.file, range: span(named.recipe.node.nameRange) }] : [];
    }
    case 'variable':
      return [{ file: named.file, range: span(named.variable.nameRange) }];
    case 'alias': {
      const imp = named.import;
      // On the IMPORT line itself (its path is its alias when no AS is written), the Earthfile it brings in.
      if (offset < imp.command.range.start || offset > imp.command.range.end) return [{ file: named.file, range: span(imp.aliasRange) }];
      const imported = context.path === undefined ? undefined : context.workspace.importedFile(context.path, imp);
      return imported ? [{ file: imported, range: FILE_START }] : [];
    }
    case 'earthfile':
      return [{ file: named.file, range: FILE_START }];
    case 'feature':
      return [{ file: named.file, range: named.declared }];
    default:
      return [];
  }
}

function span(range: Range): Range {
  return { start: range.start, end: range.end };
}
