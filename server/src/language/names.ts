// Naming rules and reserved names of the Earthfile language (reference: shared earthfile-language.md §1, §2, §4.2, §7).

/** A target name, in a header or a reference: lowercase first letter, no `_`. */
export const TARGET_NAME = /^[a-z][a-zA-Z0-9.-]*$/;

/** A function name, in a header or a reference: UPPER_SNAKE. */
export const FUNCTION_NAME = /^[A-Z][A-Z0-9._]*$/;

/** A key of ARG, ENV, LET or SET. */
export const VARIABLE_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The implicit name of the base recipe, so no target may use it. */
export const RESERVED_TARGET_NAME = 'base';

/** Image labels under this prefix belong to Earthly and may not be set with LABEL. */
export const RESERVED_LABEL_PREFIX = 'dev.earthly.';

/**
 * An IMPORT alias a rename may write: what `alias+name` reads as an alias (no `/`, `:` or `+`, not
 * starting like a path), in the letters, digits and punctuation of target and function names.
 */
export const IMPORT_ALIAS = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
