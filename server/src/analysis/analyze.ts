// Text to semantic model: the one entry point the cache, the workspace index and the benchmark use.

import { parse } from '../parser';
import { buildFileModel } from './fileModel';
import type { FileModel } from './model';

export function analyzeText(text: string): FileModel {
  const { tree, errors } = parse(text);
  return buildFileModel(tree, errors);
}
