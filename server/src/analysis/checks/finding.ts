// What a check reports: plain data with document offsets, turned into LSP diagnostics and code
// actions by features/diagnostics.ts and features/codeActions.ts.
import type { Range } from '../../parser';
import type { Flavor } from '../../../../shared/src/settings';

export type { Flavor };

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text edit; without `path` it applies to the checked document. */
export interface Edit {
  readonly range: Range;
  readonly newText: string;
  /** Another Earthfile (absolute path), e.g. a target stub in `./dir/Earthfile`. */
  readonly path?: string;
  /** For edits in another file: the range as line/character, since offsets need that file's text. */
  readonly position?: { readonly line: number; readonly character: number };
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly Edit[];
  /** The fix to apply with "Fix all" / Ctrl+. Enter: only when it is clearly what the user wants. */
  readonly preferred?: boolean;
}

export interface Finding {
  readonly code: string;
  readonly message: string;
  readonly range: Range;
  readonly fixes?: readonly Fix[];
  /** Shown faded (redundant) or struck through (deprecated) by editors. */
  readonly tag?: 'unnecessary' | 'deprecated';
  /** Another place that explains the finding, e.g. where an unclosed block opened. */
  readonly related?: { readonly range: Range; readonly message: string };
}
