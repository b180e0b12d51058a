// The `earthly/targets` request: the targets of Earthfiles as the task provider, the target picker and
// the CodeLens show and run them (name, header line, doc comment, ARGs, pushes, registries).
import type { ArgSummary, EarthfileTargets, TargetSummary } from '../../../shared/src/protocol';
import type { FileModel, Recipe, Variable } from '../analysis/model';
import { RegistryReach, type ReachFile } from '../analysis/targetReach';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import { builtinArg } from '../language/builtinArgs';
import { TARGET_NAME } from '../language/names';
import { LineIndex } from '../text/lineIndex';
import { uriToPath } from '../uri';

/** The most Earthfiles one request reads; the URIs after them are left out of the answer. */
export const MAX_TARGET_FILES = 2000;

export type TargetsWorkspace = Pick<WorkspaceIndex, 'fileAt' | 'documentModel' | 'resolveReference'>;

/** The URIs a request asks for, each once, at most `MAX_TARGET_FILES`; anything that is not a list of strings asks for none. */
export function requestedUris(uris: unknown): string[] {
  if (!Array.isArray(uris)) return [];
  const unique = new Set<string>();
  for (const uri of uris) {
    if (unique.size >= MAX_TARGET_FILES) break;
    if (typeof uri === 'string') unique.add(uri);
  }
  return [...unique];
}

/**
 * Lists the targets of Earthfiles one file at a time, so a caller can yield between files. One lister
 * serves one request: the targets that several files reach are analysed once.
 */
export class TargetLister {
  private readonly reach: RegistryReach;

  constructor(private readonly workspace: TargetsWorkspace) {
    this.reach = new RegistryReach(workspace);
  }

  /** The targets of the Earthfile at `uri` (an open document or a file on disk); none when it cannot be read. */
  targetsOf(uri: string): EarthfileTargets {
    const file = this.fileOf(uri);
    if (!file) return { uri, targets: [] };
    const model = file.model;
    const lines = new LineIndex(model.tree.text);
    const argsByRecipe = targetArgs(model);
    const globals = argsByRecipe.get(model.base) ?? [];
    const targets = model.targets
      .filter((t) => model.targetsByName.get(t.name) === t && TARGET_NAME.test(t.name))
      .map((target): TargetSummary => {
        const doc = target.docs?.trimEnd();
        return {
          name: target.name,
          line: lines.positionAt(target.node!.headerRange.start).line,
          ...(doc && { doc }),
          args: argSummaries(globals, argsByRecipe.get(target) ?? []),
          ...this.reach.of(file, target),
        };
      });
    return { uri, targets };
  }

  private fileOf(uri: string): ReachFile | undefined {
    const path = uriToPath(uri);
    if (path !== undefined) return this.workspace.fileAt(path);
    const model = this.workspace.documentModel(uri);
    return model && { model };
  }
}

/** The ARGs a caller of `recipe` can set (its own and the globals it sees), `--required` first. */
export function recipeArgs(model: FileModel, recipe: Recipe): ArgSummary[] {
  const argsByRecipe = targetArgs(model);
  return argSummaries(argsByRecipe.get(model.base) ?? [], argsByRecipe.get(recipe) ?? []);
}

/**
 * The ARGs a caller can set, by the recipe that declares them: the global ones under the base recipe.
 * Builtin ARGs are left out, since Earthly sets them.
 */
function targetArgs(model: FileModel): Map<Recipe, Variable[]> {
  const byRecipe = new Map<Recipe, Variable[]>();
  for (const v of model.variables) {
    if (v.kind !== 'ARG' || builtinArg(v.name)) continue;
    if (v.scope.recipe.kind === 'base' && !v.global) continue;
    const list = byRecipe.get(v.scope.recipe);
    if (list) list.push(v);
    else byRecipe.set(v.scope.recipe, [v]);
  }
  return byRecipe;
}

/** One entry per name, in declaration order (a target's own ARG wins over a global of its name), `--required` first. */
function argSummaries(globals: readonly Variable[], own: readonly Variable[]): ArgSummary[] {
  const byName = new Map<string, Variable>();
  const ownNames = new Set(own.map((v) => v.name));
  for (const v of globals) if (!ownNames.has(v.name) && !byName.has(v.name)) byName.set(v.name, v);
  for (const v of own) if (!byName.has(v.name)) byName.set(v.name, v);
  const args = [...byName.values()].map(argSummary);
  // Array.prototype.sort is stable, so each group keeps declaration order.
  return args.sort((a, b) => Number(b.required) - Number(a.required));
}

function argSummary(v: Variable): ArgSummary {
  const kv = v.command.keyValue;
  // `ARG X=` has a default: the empty string.
  const defaultValue = kv?.equals ? (kv.value?.text ?? '') : undefined;
  return { name: v.name, required: v.required, ...(defaultValue !== undefined && { defaultValue }), global: v.global };
}
