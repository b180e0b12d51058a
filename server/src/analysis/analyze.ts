// Text to semantic model: the one entry point the cache, the workspace index and the benchmark use.

import { parse, reparse } from '../parser';
import { buildFileModel } from './fileModel';
import type { FileModel } from './model';

/**
 * The model of `text`. With `previous`, the model of the version before, only the targets and
 * functions an edit touched are parsed and walked again, and `previous` is spent: it must not be read
 * afterwards.
 */
export function analyzeText(text: string, previous?: FileModel): FileModel {
  const { tree, errors } = previous ? reparse({ tree: previous.tree, errors: previous.parseErrors }, text) : parse(text);
  return buildFileModel(tree, errors, previous);
}
