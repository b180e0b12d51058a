// Rules that depend on what came before a command in its recipe (INT interpreter state): LOCALLY,
// `--push` before `--wait-block`, a build environment for RUN, and where FUNCTION/COMMAND may stand.
import { LOCALLY_RESTRICTIONS } from '../../../language/locally';
import type { RuleSpec } from '../check';
import { removeLine } from './edits';
import { hasFlag, savesLocally, type CommandSite } from './site';

export const FLOW_RULES: Readonly<Record<string, RuleSpec>> = {
  'E-locally': { severity: 'error', summary: 'A command LOCALLY does not support (CACHE, HOST, SAVE ARTIFACT … AS LOCAL, RUN --network).' },
  'E-push-order': { severity: 'error', summary: 'Before VERSION 0.7 (`--wait-block`), a non-push command after `RUN --push` or `SAVE IMAGE --push`.' },
  'E-missing-from': { severity: 'error', summary: 'RUN, IF, FOR or WITH DOCKER with no FROM or LOCALLY before it, in the target or in the base recipe.' },
  'E-misplaced-function-keyword': { severity: 'error', summary: 'FUNCTION or COMMAND in a target, or not as the first line of a function.' },
  'W-earthbuild-deprecated': { severity: 'warning', summary: 'PROJECT, which EarthBuild deprecates.', flavor: 'earthbuild' },
};

/** Commands that start a build environment (or may, for DO: the function can hold a FROM). */
const ENVIRONMENT = new Set(['FROM', 'FROM DOCKERFILE', 'LOCALLY', 'DO']);

/** Commands that run a shell in the build environment (earthly `tests/first-command.earth`). */
const NEEDS_ENVIRONMENT = new Set(['RUN', 'IF', 'FOR', 'WITH DOCKER']);

/** Commands the interpreter refuses after a `--push` command unless `--wait-block` is on (INT `pushOnlyErr`). */
const REFUSED_AFTER_PUSH = new Set([
  'FROM', 'FROM DOCKERFILE', 'LOCALLY', 'COPY', 'BUILD', 'WORKDIR', 'USER', 'CMD', 'ENTRYPOINT', 'EXPOSE',
  'VOLUME', 'ENV', 'ARG', 'LET', 'LABEL', 'GIT CLONE', 'HEALTHCHECK', 'WITH DOCKER', 'IF', 'RUN',
]);

const FUNCTION_KEYWORDS = new Set(['FUNCTION', 'COMMAND']);

export function checkFlow(site: CommandSite, first: boolean): void {
  const name = site.command.keyword.text;
  locally(site, name);
  pushOrder(site, name);
  environment(site, name);
  if (FUNCTION_KEYWORDS.has(name)) functionKeyword(site, name, first);
  if (site.spec.deprecated?.earthbuildOnly) {
    site.context.report('W-earthbuild-deprecated', site.command.keyword.range, `Deprecation: the ${name} command is deprecated by EarthBuild. ${site.spec.deprecated.message}`, {
      tag: 'deprecated',
    });
  }
}

function locally(site: CommandSite, name: string): void {
  const { command, state } = site;
  if (name === 'LOCALLY') state.locally = command;
  else if (name === 'FROM' || name === 'FROM DOCKERFILE') state.locally = undefined;
  if (!state.locally || name === 'LOCALLY') return;
  for (const r of LOCALLY_RESTRICTIONS) {
    if (r.command !== name) continue;
    const flag = r.flag === undefined ? undefined : command.flags.find((f) => f.name === r.flag);
    if (r.flag !== undefined && !flag) continue;
    const args = command.args;
    if (r.asLocalOnly && !savesLocally(args)) continue;
    const range = flag?.nameRange ?? (r.asLocalOnly ? { start: args[args.length - 3].range.start, end: args[args.length - 1].range.end } : command.keyword.range);
    site.context.report('E-locally', range, `${r.message}.`, { related: { range: state.locally.keyword.range, message: 'LOCALLY is in force from here' } });
  }
}

function pushOrder(site: CommandSite, name: string): void {
  const { command, state, context } = site;
  if (!state.gated || context.model.features.has('wait-block') || state.withDepth > 0) return;
  const push = hasFlag(command, 'push');
  if (state.pushOnly && REFUSED_AFTER_PUSH.has(name) && !(name === 'RUN' && push)) {
    context.report('E-push-order', command.keyword.range, 'no non-push commands allowed after a --push: before VERSION 0.7 (--wait-block), --push commands must come last.', {
      related: { range: state.pushOnly.range, message: 'the --push command' },
    });
  }
  if (push && (name === 'RUN' || name === 'SAVE IMAGE')) state.pushOnly ??= command;
}

function environment(site: CommandSite, name: string): void {
  const { command, state } = site;
  if (ENVIRONMENT.has(name)) state.environment = true;
  if (state.environment || state.environmentReported || state.recipe.kind === 'function' || !NEEDS_ENVIRONMENT.has(name)) return;
  state.environmentReported = true;
  const where = state.recipe.kind === 'base' ? 'the base recipe' : `target "${state.recipe.name}" (and the base recipe)`;
  site.context.report('E-missing-from', command.keyword.range, `${name} needs a build environment, but ${where} has no FROM or LOCALLY before it: start with FROM <image>.`);
}

function functionKeyword(site: CommandSite, name: string, first: boolean): void {
  const { command, state, context } = site;
  const text = context.model.tree.text;
  if (state.recipe.kind !== 'function' || !first) {
    const message = state.recipe.kind === 'function'
      ? `${name} must be the first line of the function`
      : `command ${name} not allowed in a target definition: it starts a function, whose name is UPPER_CASE`;
    context.report('E-misplaced-function-keyword', command.keyword.range, `${message}.`, {
      fixes: [{ title: `Remove ${name}`, edits: [removeLine(text, command.range)] }],
    });
  }
}
