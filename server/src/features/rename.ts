// Rename of a target, function, ARG, LET or FOR variable, or IMPORT alias: one set of edits over every
// local Earthfile that writes it (see nameUses.ts), overrides included. A rename is refused, with the
// reason, when the new name is one Earthly would reject or one already taken where the name lives, and
// when the name lives where no edit can reach it: a remote Earthfile, Earthly's builtins, an image's ENV.

import type { SourceFile, Variable } from '../analysis/model';
import { builtinArg } from '../language/builtinArgs';
import { FUNCTION_NAME, IMPORT_ALIAS, RESERVED_TARGET_NAME, TARGET_NAME, VARIABLE_NAME } from '../language/names';
import type { Range } from '../parser';
import type { Named, NameAt } from './nameAt';
import { usesOf, type UseScope } from './nameUses';
import { fileLabel, type FeatureContext } from './recipeSignature';

/** Why a rename cannot be done, in a sentence the editor shows. */
export interface Refusal {
  readonly refused: string;
}

export interface RenamePlace {
  /** The name under the cursor, which the editor selects. */
  readonly range: Range;
  readonly placeholder: string;
}

export interface FileEdit {
  readonly file: SourceFile;
  readonly range: Range;
  readonly newText: string;
}

type NameClass = 'target' | 'function' | 'variable' | 'alias';

interface NameRule {
  readonly pattern: RegExp;
  /** What a valid name looks like, after "is not a valid … name:". */
  readonly shape: string;
}

const NAME_RULES: Readonly<Record<NameClass, NameRule>> = {
  target: { pattern: TARGET_NAME, shape: 'it starts with a lowercase letter and goes on with letters, digits, `.` and `-`' },
  function: { pattern: FUNCTION_NAME, shape: 'it is UPPER_SNAKE: a capital letter, then capitals, digits, `.` and `_`' },
  variable: { pattern: VARIABLE_NAME, shape: 'it starts with a letter or `_` and goes on with letters, digits and `_`' },
  alias: { pattern: IMPORT_ALIAS, shape: 'it starts with a letter, a digit or `_` and goes on with letters, digits, `_`, `.` and `-`' },
};

/** Why names of each kind that cannot be renamed are left alone. */
const NOT_RENAMED: Readonly<Record<'artifact' | 'earthfile' | 'feature', string>> = {
  artifact: 'An artifact is named by the SAVE ARTIFACT line that saves it; rename the target from its name instead.',
  earthfile: 'An IMPORT path names a folder; rename the folder, or the IMPORT alias.',
  feature: 'VERSION features are named by Earthly.',
};

/** A name that can be renamed: its class, its current text, and a check of a new name against its neighbours. */
interface Renamable {
  readonly nameClass: NameClass;
  readonly name: string;
  /** Why `name` cannot take this new name where it lives, if it cannot. */
  readonly clash: (newName: string) => string | undefined;
}

function renamable(named: Named, context: FeatureContext): Renamable | Refusal {
  const where = fileLabel(context, named.file.path);
  switch (named.kind) {
    case 'recipe': {
      const { recipe, file } = named;
      const isTarget = recipe.kind === 'target';
      const byName = isTarget ? file.model.targetsByName : file.model.functionsByName;
      return {
        nameClass: isTarget ? 'target' : 'function',
        name: recipe.name,
        clash: (n) =>
          isTarget && n === RESERVED_TARGET_NAME ? `${n} is the name of the base recipe.` : byName.has(n) ? `${capitalized(where)} already has a ${recipe.kind} ${n}.` : undefined,
      };
    }
    case 'variable':
      return variableRenamable(named.variable, named.file, where);
    case 'alias': {
      const imp = named.import;
      return {
        nameClass: 'alias',
        name: imp.alias!,
        clash: (n) => (named.file.model.imports.some((i) => i !== imp && i.alias === n) ? `${capitalized(where)} already IMPORTs something AS ${n}.` : undefined),
      };
    }
    default:
      return { refused: NOT_RENAMED[named.kind] };
  }
}

function variableRenamable(variable: Variable, file: SourceFile, where: string): Renamable | Refusal {
  if (variable.kind === 'ENV') return { refused: `${variable.name} is an ENV: the image keeps it, and RUN commands and other images read it by a name not known here.` };
  if (builtinArg(variable.name)) return { refused: `${variable.name} is a builtin ARG: Earthly sets it by this name.` };
  const recipe = variable.scope.recipe;
  // A global is seen by every recipe, and every recipe's names meet it; any other name only meets its recipe's and the globals.
  const meets = (v: Variable) => v !== variable && v.kind !== 'SET' && (variable.global || v.global || v.scope.recipe === recipe);
  return {
    nameClass: 'variable',
    name: variable.name,
    clash: (n) => {
      if (builtinArg(n)) return `${n} is a builtin ARG: Earthly sets it.`;
      const other = file.model.variables.find((v) => v.name === n && meets(v));
      return other && `${capitalized(where)} already declares ${n} where ${variable.name} is seen (${other.kind} in ${scopeLabel(other)}).`;
    },
  };
}

function scopeLabel(v: Variable): string {
  const recipe = v.scope.recipe;
  return recipe.kind === 'base' ? 'the base recipe' : `${recipe.kind} ${recipe.name}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The name at the cursor as one to rename, or why it is not one; undefined on no name at all. */
function renamableAt(at: NameAt | undefined, context: FeatureContext): { range: Range; named: Named; renamable: Renamable } | Refusal | undefined {
  if (!at) return undefined;
  if (!at.named) return at.note === undefined ? undefined : { refused: at.note };
  const found = renamable(at.named, context);
  return 'refused' in found ? found : { range: at.range, named: at.named, renamable: found };
}

/** What a rename at the cursor would change, or why there is none; undefined on no name at all. */
export function prepareRenameAt(at: NameAt | undefined, context: FeatureContext): RenamePlace | Refusal | undefined {
  const found = renamableAt(at, context);
  return found && ('refused' in found ? found : { range: found.range, placeholder: found.renamable.name });
}

/** The edits that rename the name at the cursor to `newName` everywhere it is written. */
export function renameEdits(at: NameAt | undefined, newName: string, scope: UseScope, context: FeatureContext): FileEdit[] | Refusal {
  const found = renamableAt(at, context) ?? { refused: 'There is no name to rename here.' };
  if ('refused' in found) return found;
  const { name, nameClass, clash } = found.renamable;
  const rule = NAME_RULES[nameClass];
  if (!rule.pattern.test(newName)) return { refused: `${JSON.stringify(newName)} is not a valid ${nameClass === 'alias' ? 'IMPORT alias' : `${nameClass} name`}: ${rule.shape}.` };
  if (newName === name) return [];
  const clashing = clash(newName);
  if (clashing) return { refused: clashing };
  return (usesOf(found.named, scope) ?? []).map((use) =>
    use.impliedAlias
      ? { file: use.file, range: { start: use.range.end, end: use.range.end }, newText: ` AS ${newName}` }
      : { file: use.file, range: use.range, newText: newName },
  );
}
