// The `earthly/targets` request: the targets of Earthfiles as the task provider, the target picker and
// the CodeLens show and run them (name, header line, doc comment, ARGs, pushes, registries).
import type { ArgSummary, EarthfileTargets, TargetSummary } from '../../../shared/src/protocol';
import type { SourceFile, Variable } from '../analysis/model';
import { argDefault, argsByRecipe, callerArgs } from '../analysis/recipeArgs';
import { RegistryReach } from '../analysis/targetReach';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
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
    const byRecipe = argsByRecipe(model);
    const globals = byRecipe.get(model.base) ?? [];
    const targets = model.targets
      .filter((t) => model.targetsByName.get(t.name) === t && TARGET_NAME.test(t.name))
      .map((target): TargetSummary => {
        const doc = target.docs?.trimEnd();
        return {
          name: target.name,
          line: lines.positionAt(target.node!.headerRange.start).line,
          ...(doc && { doc }),
          args: callerArgs(globals, byRecipe.get(target) ?? []).map(argSummary),
          ...this.reach.of(file, target),
        };
      });
    return { uri, targets };
  }

  private fileOf(uri: string): SourceFile | undefined {
    const path = uriToPath(uri);
    if (path !== undefined) return this.workspace.fileAt(path);
    const model = this.workspace.documentModel(uri);
    return model && { model };
  }
}

function argSummary(v: Variable): ArgSummary {
  const defaultValue = argDefault(v);
  return { name: v.name, required: v.required, ...(defaultValue !== undefined && { defaultValue }), global: v.global };
}
