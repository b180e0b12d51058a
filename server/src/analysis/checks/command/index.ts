// Per-command checks (reference §4, §5, §9): one walk over every recipe in document order, each
// command handed to the flag, feature, argument, block and flow checks. Linear in the file size.
import { commandByName, type CommandSpec } from '../../../language/commands';
import type { CommandNode, ParseError, Range, Statement } from '../../../parser';
import type { CheckContext, CheckGroup } from '../check';
import { ARGUMENT_RULES, checkArguments } from './args';
import { BLOCK_RULES, checkRunInWith, checkTry, checkWith } from './blocks';
import { acceptedVersion } from './edits';
import { checkFeatures, FEATURE_RULES } from './features';
import { checkFlags, FLAG_RULES } from './flags';
import { checkFlow, FLOW_RULES } from './flow';
import { checkGlobs, GLOB_RULES } from './globs';
import { checkRecipes, RECIPE_RULES } from './recipes';
import type { CommandSite, RecipeState } from './site';

export const commandChecks: CheckGroup = {
  rules: { ...FLAG_RULES, ...FEATURE_RULES, ...GLOB_RULES, ...ARGUMENT_RULES, ...BLOCK_RULES, ...FLOW_RULES, ...RECIPE_RULES },
  check(context) {
    const { model } = context;
    const gated = acceptedVersion(model) !== undefined;
    const errors = new ParseErrorCursor(model.parseErrors);
    const baseHasEnvironment = hasEnvironment(model.base.statements);
    for (const recipe of [model.base, ...model.recipes]) {
      const state: RecipeState = {
        recipe,
        gated,
        environment: recipe.kind !== 'base' && baseHasEnvironment,
        environmentReported: false,
        withDepth: 0,
      };
      new RecipeWalk(context, state, errors).walk(recipe.statements, true);
    }
    checkRecipes(context);
  },
};

/**
 * The walk over one recipe, and the site of the command it is at: one object per recipe, moved from
 * command to command, so the walk allocates nothing per command (the checks keep nothing of a site).
 */
class RecipeWalk implements CommandSite {
  command!: CommandNode;
  spec!: CommandSpec;
  parseError = false;

  constructor(
    readonly context: CheckContext,
    readonly state: RecipeState,
    private readonly errors: ParseErrorCursor,
  ) {}

  walk(statements: readonly Statement[], top: boolean): void {
    const { context, state } = this;
    for (let i = 0; i < statements.length; i++) {
      const st = statements[i];
      const first = top && i === 0;
      if (st.kind === 'command') {
        this.visit(st, first);
        continue;
      }
      if (st.kind === 'with') checkWith(context, st, state.withDepth);
      if (st.kind === 'try') checkTry(context, st);
      for (const clause of st.clauses) {
        this.visit(clause.command, first);
        if (st.kind === 'with') state.withDepth++;
        this.walk(clause.body, false);
        if (st.kind === 'with') state.withDepth--;
      }
    }
  }

  private visit(command: CommandNode, first: boolean): void {
    const spec = commandByName(command.keyword.text);
    if (!spec || !command.known) return;
    this.command = command;
    this.spec = spec;
    this.parseError = this.errors.overlaps(command.range);
    checkFlags(this);
    checkFeatures(this);
    checkGlobs(this);
    checkArguments(this);
    checkRunInWith(this);
    checkFlow(this, first);
  }
}

/** Whether the base recipe starts a build environment that every target inherits. */
function hasEnvironment(statements: readonly Statement[]): boolean {
  return statements.some((st) =>
    st.kind === 'command'
      ? st.keyword.text === 'FROM' || st.keyword.text === 'FROM DOCKERFILE' || st.keyword.text === 'LOCALLY'
      : st.clauses.some((c) => hasEnvironment(c.body)),
  );
}

/**
 * Answers "did the parser report an error on this command?" for commands visited in document order,
 * moving forward through the (sorted) parse errors, so the whole walk stays linear.
 */
class ParseErrorCursor {
  private next = 0;
  constructor(private readonly errors: readonly ParseError[]) {}

  overlaps(range: Range): boolean {
    while (this.next < this.errors.length && this.errors[this.next].range.end < range.start) this.next++;
    const error = this.errors[this.next];
    return error !== undefined && error.range.start <= range.end;
  }
}
