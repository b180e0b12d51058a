// The semantic model of one Earthfile: what features read instead of walking the syntax tree
// (reference: shared earthfile-language.md §1, §6, §7, §8). All ranges are UTF-16 document offsets.

import type {
  ArgNode,
  BlockNode,
  CommandNode,
  EarthfileNode,
  EarthfileRef,
  FunctionNode,
  ParseError,
  Range,
  Reference,
  Statement,
  TargetNode,
} from '../parser';
import type { Flavor } from '../../../shared/src/settings';
import type { LineIndex } from '../text/lineIndex';
import type { RecipeLines } from './inheritedEnv';

export type RecipeKind = 'base' | 'target' | 'function';

/** The base recipe, a target or a function. */
export interface Recipe {
  readonly kind: RecipeKind;
  /** `base` for the base recipe. */
  readonly name: string;
  /** Absent for the base recipe. */
  readonly node?: TargetNode | FunctionNode;
  /** The span of the header and statements; for the base recipe, from the file start to the first header. */
  readonly range: Range;
  /** The text the recipe owns: up to the next header or the end of the file (a cursor on a new line belongs here). */
  readonly extent: Range;
  /** The doc comment above the header, as Earthly stores it. */
  readonly docs?: string;
  readonly statements: readonly Statement[];
}

export type ScopeKind = 'global' | 'base' | 'target' | 'function' | 'block';

/**
 * Where a declaration is written. A `block` scope is an IF/FOR/WITH/WAIT/TRY clause; only the FOR
 * variable is confined to it, other declarations stay visible to the end of the recipe (§8).
 */
export interface Scope {
  readonly kind: ScopeKind;
  readonly recipe: Recipe;
  readonly range: Range;
  readonly block?: BlockNode;
  readonly parent?: Scope;
}

/** `FOR` is the loop variable of a FOR block. */
export type VariableKind = 'ARG' | 'LET' | 'SET' | 'ENV' | 'FOR';

export interface Variable {
  readonly kind: VariableKind;
  readonly name: string;
  readonly nameRange: Range;
  /** The default (ARG) or value (LET, SET, ENV), as written. */
  readonly value?: string;
  readonly valueRange?: Range;
  readonly command: CommandNode;
  readonly scope: Scope;
  /** A base-recipe ARG that every target and function of the file sees (§8: `--global`, or any base ARG before 0.7). */
  readonly global: boolean;
  readonly required: boolean;
  /** Where the name can be used inside its own recipe: from after the declaration to the end of its scope (the recipe's extent, or the FOR block). */
  readonly visible: Range;
}

export interface Import {
  readonly command: CommandNode;
  readonly recipe: Recipe;
  /** The Earthfile reference word. */
  readonly path: ArgNode;
  readonly earthfile?: EarthfileRef;
  /** The alias in force, explicit or defaulted. */
  readonly alias?: string;
  /** The `AS` alias word, or the path word when the alias is defaulted. */
  readonly aliasRange: Range;
  /** An IMPORT in the base recipe is global to the file (INT `isGlobal := target == base`). */
  readonly global: boolean;
  readonly visible: Range;
  readonly error?: string;
}

/** The command (and flag) a reference is written in. */
export type ReferenceRole =
  | 'FROM'
  | 'BUILD'
  | 'COPY'
  | 'DO'
  | 'FROM DOCKERFILE'
  | 'FROM DOCKERFILE -f'
  | 'WITH DOCKER --load';

export interface OverrideSite {
  readonly key: string;
  readonly keyRange: Range;
  readonly value?: string;
  readonly valueRange?: Range;
}

export interface ReferenceSite {
  readonly role: ReferenceRole;
  readonly command: CommandNode;
  readonly recipe: Recipe;
  /** The whole word (or flag value) the reference is written in. */
  readonly range: Range;
  /** The parsed reference; its parts carry document offsets. */
  readonly ref?: Reference;
  /** Document ranges of the parts (the same spans as the parts of `ref`). */
  readonly nameRange?: Range;
  readonly earthfileRange?: Range;
  readonly artifactRange?: Range;
  /** The image name of `--load img=+t`. */
  readonly imageRange?: Range;
  readonly overrides: readonly OverrideSite[];
  readonly error?: string;
  /** For `alias+name`: the IMPORT in force at this site, if any. */
  readonly import?: Import;
  /** For same-file references: the target or function named, if it exists. */
  readonly definition?: TargetNode | FunctionNode;
  /** Written in an IF, FOR, TRY or WITH DOCKER clause, at any depth (WAIT bodies always run): it may not run. */
  readonly conditional: boolean;
}

export interface VersionInfo {
  /** `0.8`, as written; absent when the VERSION line has no number. */
  readonly value?: string;
  readonly valueRange?: Range;
  /** Feature flags named on the VERSION line, without dashes. */
  readonly flags: readonly { readonly name: string; readonly range: Range }[];
  readonly command: CommandNode;
}

export interface FileModel {
  readonly tree: EarthfileNode;
  readonly parseErrors: readonly ParseError[];
  readonly version?: VersionInfo;
  /** Feature flags in force: the VERSION's defaults plus the flags named on the VERSION line. */
  readonly features: ReadonlySet<string>;
  readonly base: Recipe;
  readonly targets: readonly Recipe[];
  readonly functions: readonly Recipe[];
  /** Targets and functions in source order. */
  readonly recipes: readonly Recipe[];
  /** First definition of each name (duplicates are a diagnostic, not a model concern). */
  readonly targetsByName: ReadonlyMap<string, Recipe>;
  readonly functionsByName: ReadonlyMap<string, Recipe>;
  readonly variables: readonly Variable[];
  readonly imports: readonly Import[];
  readonly references: readonly ReferenceSite[];
  /** What is derived from this version on first use and kept with it. */
  readonly derived: Derived;
}

/**
 * A field of the model, not module-level WeakMaps keyed by it: V8's young-generation collections keep
 * a WeakMap's values alive (and the text each line table holds), which in a 300-line file being typed
 * in left 2.4 MB for every scavenge to copy; in fields, 0.1 MB.
 */
export interface Derived {
  /** The text's line table (see `linesOf` in service.ts). */
  lines?: LineIndex;
  /** Each recipe's ENV lines and FROM and DO sites (see inheritedEnv.ts). */
  recipeLines?: Map<Recipe, RecipeLines>;
  /** The semantic tokens for each flavor, encoded as features/semanticTokens.ts makes them (`EncodedTokens`). */
  tokens?: Partial<Record<Flavor, Readonly<Uint32Array>>>;
}

/** An Earthfile's model, with its path when it is a file: references to other Earthfiles resolve from it. */
export interface SourceFile {
  readonly model: FileModel;
  readonly path?: string;
}
