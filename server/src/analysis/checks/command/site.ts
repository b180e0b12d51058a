// What every per-command check receives: the command, its table entry and where it stands in its recipe.
import type { CommandSpec } from '../../../language/commands';
import type { ArgNode, CommandNode } from '../../../parser';
import type { Recipe } from '../../model';
import type { CheckContext } from '../check';

/** What the walk over one recipe has seen so far, in document order (the interpreter's state, INT). */
export interface RecipeState {
  readonly recipe: Recipe;
  /** Feature gates are checked only under a VERSION Earthly accepts (otherwise every gate would fire). */
  readonly gated: boolean;
  /** The LOCALLY command in force, if any (a later FROM ends it). */
  locally?: CommandNode;
  /** Before `--wait-block`, the `--push` command after which only push commands may follow. */
  pushOnly?: CommandNode;
  /** A FROM, FROM DOCKERFILE, LOCALLY or DO has run (or the base recipe has one). */
  environment: boolean;
  /** Set once a missing build environment has been reported, to report it once per recipe. */
  environmentReported: boolean;
  /** How many WITH DOCKER blocks enclose the current statement. */
  withDepth: number;
}

export interface CommandSite {
  readonly context: CheckContext;
  readonly command: CommandNode;
  readonly spec: CommandSpec;
  readonly state: RecipeState;
  /** The parser already reported an error on this command, so argument checks stay quiet. */
  readonly parseError: boolean;
}

/** The positional arguments as the interpreter counts them (`rawArgs` for commands that parse no options). */
export function positional(site: CommandSite): readonly ArgNode[] {
  return site.spec.literalArgs ? site.command.rawArgs : site.command.args;
}

export function hasFlag(command: CommandNode, name: string): boolean {
  return command.flags.some((f) => f.name === name);
}

/** `SAVE ARTIFACT … AS LOCAL <path>`: the words end in `AS LOCAL` and a path (INT `parseSaveArtifactArgs`). */
export function savesLocally(args: readonly ArgNode[]): boolean {
  const n = args.length;
  return n >= 4 && args[n - 3].text === 'AS' && args[n - 2].text === 'LOCAL';
}
