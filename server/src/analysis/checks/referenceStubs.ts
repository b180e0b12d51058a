// The "Create target X" / "Create function X" fix: an empty recipe at the end of the Earthfile the
// reference points into, which may be another file of the workspace.
import * as nodePath from 'node:path';
import type { NameKind } from '../../parser';
import { LineIndex } from '../../text/lineIndex';
import type { FileModel } from '../model';
import type { Edit, Fix } from './finding';
import { lineEnding } from './textLayout';

/** An Earthfile's model and, when it is on disk, its path. */
export interface RecipeFile {
  readonly model: FileModel;
  readonly path?: string;
}

export function createRecipeFix(file: RecipeFile, kind: NameKind, name: string, checkedPath: string | undefined): Fix {
  const { model } = file;
  const text = model.tree.text;
  const eol = lineEnding(text);
  // A blank line between the last recipe and the new one.
  const lead = text === '' ? '' : /[\r\n]$/.test(text) ? eol : eol + eol;
  // A function's body must start with its keyword; a target may be empty.
  const keyword = model.features.has('use-function-keyword') ? 'FUNCTION' : 'COMMAND';
  const body = kind === 'function' ? `    ${keyword}${eol}` : '';
  const newText = `${lead}${name}:${eol}${body}`;
  const end = { start: text.length, end: text.length };
  if (file.path === undefined || file.path === checkedPath) {
    return { title: `Create ${kind} ${name}`, edits: [{ range: end, newText }] };
  }
  const edit: Edit = { range: end, newText, path: file.path, position: new LineIndex(text).positionAt(text.length) };
  const relative = nodePath.relative(nodePath.dirname(checkedPath ?? file.path), file.path).split(nodePath.sep).join('/');
  return { title: `Create ${kind} ${name} in ${relative.startsWith('.') ? relative : `./${relative}`}`, edits: [edit] };
}
