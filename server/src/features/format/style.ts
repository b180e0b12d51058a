// What the formatted text is written with: the indentation unit (from `earthly.format.indent`, the
// editor's options or `fmt --indent`) and the line ending the file already uses.
import { isIndentSize, type FormatIndent } from '../../../../shared/src/settings';

export interface Style {
  /** One level of indentation: spaces or a tab. */
  readonly unit: string;
  /** `\n`, `\r\n` or `\r`. */
  readonly nl: string;
}

/** What LSP's `FormattingOptions` say about indentation. */
export interface EditorIndent {
  readonly tabSize: number;
  readonly insertSpaces: boolean;
}

const DEFAULT_UNIT = '    ';

/** The indentation unit `setting` asks for; `editor` reads the editor's options (4 spaces without them). */
export function indentUnit(setting: FormatIndent, editor?: EditorIndent): string {
  if (setting === 'tab') return '\t';
  if (setting !== 'editor') return isIndentSize(setting) ? ' '.repeat(setting) : DEFAULT_UNIT;
  if (!editor) return DEFAULT_UNIT;
  if (!editor.insertSpaces) return '\t';
  return isIndentSize(editor.tabSize) ? ' '.repeat(editor.tabSize) : DEFAULT_UNIT;
}

/** Spaces and tabs removed from the end of `s`. */
export function trimBlanksEnd(s: string): string {
  const e = blanksTrimmedEnd(s, 0, s.length);
  return e === s.length ? s : s.slice(0, e);
}

/** Where the text of `s` from `start` to `end` ends without the spaces and tabs at its end. */
export function blanksTrimmedEnd(s: string, start: number, end: number): number {
  let e = end;
  while (e > start && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
  return e;
}
