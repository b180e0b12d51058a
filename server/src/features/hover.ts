// Hover: what the word under the cursor is, in markdown. Commands, flags and VERSION features are
// described from the language tables; references show the target or function they name (its ARGs,
// doc comment, file and outputs); variables show their declaration or, for builtins, what Earthly sets.
// Only the command at the cursor is read (found by binary search), so a hover never walks the file.

import type { FileModel, Import, ReferenceSite, Variable } from '../analysis/model';
import { envInForce, workspaceResolver, type EnvInForce } from '../analysis/inheritedEnv';
import { commandAt, declarationOf, recipeAt, variableUseAt } from '../analysis/lookup';
import { builtinArg } from '../language/builtinArgs';
import { commandByName, flagOf } from '../language/commands';
import { describeBuiltinArg, describeCommand, describeFeature, describeFlag } from '../language/descriptions';
import { FEATURES, featureByName } from '../language/features';
import type { CommandNode, Range } from '../parser';
import type { Flavor } from '../../../shared/src/settings';
import {
  argLine,
  describeRecipe,
  fileLabel,
  lookupCallee,
  overrideDoc,
  recipeSignature,
  remoteNote,
  type FeatureContext,
} from './recipeSignature';

export interface HoverContext extends FeatureContext {
  readonly flavor: Flavor;
}

/** A hover's markdown and the document range of the word it describes. */
export interface HoverAnswer {
  readonly markdown: string;
  readonly range: Range;
}

type Answer = HoverAnswer | undefined;

function within(range: Range | undefined, offset: number): range is Range {
  return range !== undefined && range.start <= offset && offset <= range.end;
}

function span(range: Range): Range {
  return { start: range.start, end: range.end };
}

/** The hover at `offset` of `model`, or undefined when the cursor is on nothing to describe. */
export function hoverAt(model: FileModel, offset: number, context: HoverContext): Answer {
  const recipe = recipeAt(model, offset);
  if (recipe.node && within(recipe.node.nameRange, offset)) {
    const location = { file: fileLabel(context, undefined), line: context.lineOf(model, recipe.range.start) };
    return { markdown: describeRecipe(recipeSignature(model, recipe), location), range: span(recipe.node.nameRange) };
  }
  const command = commandAt(model, offset);
  if (!command) return undefined;
  for (const hover of COMMAND_PARTS) {
    const answer = hover(model, command, offset, context);
    if (answer) return answer;
  }
  return undefined;
}

type PartHover = (model: FileModel, command: CommandNode, offset: number, context: HoverContext) => Answer;

/** What a word of a command line can be, most specific first. */
const COMMAND_PARTS: readonly PartHover[] = [variableUseHover, referenceHover, overrideHover, declarationHover, importHover, keywordHover, versionHover, flagHover];

function sitesOf(model: FileModel, command: CommandNode): ReferenceSite[] {
  return model.references.filter((s) => s.command === command);
}

function referenceHover(model: FileModel, command: CommandNode, offset: number, context: HoverContext): Answer {
  const site = sitesOf(model, command).find((s) => within(s.range, offset) && !s.overrides.some((o) => within(o.keyRange, offset) || within(o.valueRange, offset)));
  if (!site) return undefined;
  const found = lookupCallee(model, site, context);
  if (!found) return undefined;
  const word = site.ref ? `\`${model.tree.text.slice(site.ref.start, site.ref.end)}\`` : '';
  const markdown = 'note' in found ? `${word}\n\n${found.note}` : describeRecipe(recipeSignature(found.callee.model, found.callee.recipe), found.callee.location);
  return { markdown, range: span(site.range) };
}

/** `--KEY=value` after a reference: the callee's ARG it sets. */
function overrideHover(model: FileModel, command: CommandNode, offset: number, context: HoverContext): Answer {
  for (const site of sitesOf(model, command)) {
    const override = site.overrides.find((o) => within(o.keyRange, offset) || within(o.valueRange, offset));
    if (!override) continue;
    const range = span(within(override.keyRange, offset) ? override.keyRange : override.valueRange!);
    const found = lookupCallee(model, site, context);
    if (!found || 'note' in found) return found && { markdown: `\`--${override.key}\`\n\n${found.note}`, range };
    const { recipe, location } = found.callee;
    const arg = recipeSignature(found.callee.model, recipe).args.find((a) => a.name === override.key);
    const owner = `${recipe.kind} \`${recipe.name}\` in ${location.file}`;
    const markdown = arg
      ? ['```earthfile\n' + argLine(arg) + '\n```', overrideDoc(arg), `An ARG of ${owner}.`].join('\n\n')
      : `\`--${override.key}\`\n\nThe ${owner} declares no ARG \`${override.key}\`.`;
    return { markdown, range };
  }
  return undefined;
}

function variableUseHover(model: FileModel, command: CommandNode, offset: number, context: HoverContext): Answer {
  const range = variableUseAt(model.tree.text, offset, command.range.start, command.range.end);
  if (!range) return undefined;
  const name = model.tree.text.slice(range.start, range.end);
  const declaration = declarationOf(model, name, offset);
  if (!declaration && !builtinArg(name)) {
    const place = { model, recipe: recipeAt(model, offset), path: context.path };
    const inherited = envInForce(place, offset, workspaceResolver(context.workspace)).get(name);
    if (inherited) return { markdown: inheritedMarkdown(inherited, context), range };
  }
  return { markdown: variableMarkdown(model, name, declaration, context), range };
}

/** An ENV that a `FROM +target` or `DO +function` line brought into the recipe. */
function inheritedMarkdown({ variable, model, recipe, path }: EnvInForce, context: HoverContext): string {
  const line = context.lineOf(model, variable.command.range.start) + 1;
  const where = `${recipe.kind} \`${recipe.name}\` of ${fileLabel(context, path)}`;
  const how = recipe.kind === 'function' ? 'a DO line above ran that function' : 'the image a FROM line above starts from carries it';
  return ['```earthfile\n' + declarationLine(model, variable) + '\n```', `Environment variable set in ${where}, line ${line}: ${how}, so the commands here see it.`].join('\n\n');
}

/** The key of ARG, LET, SET or ENV, or a FOR variable: its declaration (SET shows the LET it changes). */
function declarationHover(model: FileModel, command: CommandNode, offset: number, context: HoverContext): Answer {
  const variable = model.variables.find((v) => v.command === command && within(v.nameRange, offset));
  if (!variable) return undefined;
  const declaration = variable.kind === 'SET' ? declarationOf(model, variable.name, offset) : variable;
  return { markdown: variableMarkdown(model, variable.name, declaration, context), range: span(variable.nameRange) };
}

function recipeLabel(variable: Variable): string {
  const recipe = variable.scope.recipe;
  return recipe.kind === 'base' ? 'the base recipe' : `${recipe.kind} \`${recipe.name}\``;
}

/** What a declaration of each kind means for its uses; `where` names the recipe, `line` is 1-based. */
const SCOPE_TEXT: Readonly<Record<Variable['kind'], (v: Variable, where: string, line: number) => string>> = {
  ARG: (v, where, line) =>
    v.global
      ? `Global ARG, declared in the base recipe on line ${line}: every target and function of this Earthfile sees it.`
      : v.scope.recipe.kind === 'base'
        ? `ARG of the base recipe, line ${line}. Not global, so targets do not see it (declare it \`ARG --global\`).`
        : `ARG of ${where}, declared on line ${line} and visible to the end of it. A caller sets it with \`--${v.name}=<value>\`.`,
  LET: (_v, where, line) => `Variable of ${where}, declared with LET on line ${line}. Callers cannot override it; SET changes it.`,
  SET: (_v, where, line) => `Assigned in ${where} on line ${line}.`,
  ENV: (_v, where, line) => `Environment variable set in ${where} on line ${line}; the commands after it and the saved image see it.`,
  FOR: (_v, _where, line) => `Loop variable of the FOR on line ${line}: each item in turn, inside the loop.`,
};

function declarationLine(model: FileModel, v: Variable): string {
  if (v.kind === 'ARG') return argLine(v);
  const text = model.tree.text;
  const line = text.slice(v.command.range.start, Math.min(v.command.range.end, v.command.range.start + 120));
  return line.split(/\r?\n|\r/)[0];
}

function variableMarkdown(model: FileModel, name: string, declaration: Variable | undefined, context: HoverContext): string {
  const builtin = builtinArg(name);
  // A builtin is declared with a bare `ARG NAME`: what matters is the value Earthly gives it.
  if (builtin && (!declaration || (declaration.kind === 'ARG' && declaration.value === undefined))) {
    const missing = builtin.feature !== undefined && !model.features.has(builtin.feature);
    const notice = missing ? `\n\n**Not provided** under this file's VERSION: add \`--${builtin.feature}\` to the VERSION line.` : '';
    const undeclared = declaration ? '' : `\n\nNot declared here: without \`ARG ${name}\` above this line it is empty.`;
    return describeBuiltinArg(builtin, context.flavor) + notice + undeclared;
  }
  if (!declaration) {
    return `\`$${name}\`\n\nNo ARG, LET, ENV or FOR declares \`${name}\` here: Earthly expands it to an empty string, unless the image sets it as an environment variable.`;
  }
  const line = context.lineOf(model, declaration.command.range.start) + 1;
  const parts = ['```earthfile\n' + declarationLine(model, declaration) + '\n```', SCOPE_TEXT[declaration.kind](declaration, recipeLabel(declaration), line)];
  const docs = declaration.command.docs?.text.trim();
  if (docs) parts.push(docs);
  return parts.join('\n\n');
}

/** The path or alias of an IMPORT: the Earthfile it brings in. */
function importHover(model: FileModel, command: CommandNode, offset: number, context: HoverContext): Answer {
  const imp = model.imports.find((i) => i.command === command && (within(i.path.range, offset) || within(i.aliasRange, offset)));
  if (!imp || imp.alias === undefined) return undefined;
  const range = span(within(imp.path.range, offset) ? imp.path.range : imp.aliasRange);
  const heading = `\`IMPORT ${imp.path.text} AS ${imp.alias}\``;
  return { markdown: `${heading}\n\n${importNote(imp, context)}`, range };
}

function importNote(imp: Import, context: HoverContext): string {
  const earthfile = imp.earthfile;
  if (earthfile?.kind === 'remote') return remoteNote(earthfile);
  if (context.path === undefined) return 'The document is not saved as a file, so other Earthfiles cannot be read from it.';
  const file = context.workspace.importedFile(context.path, imp);
  if (!file) return 'No Earthfile is found in that folder.';
  const { targets, functions } = file.model;
  const scope = imp.global ? 'the whole file' : `${imp.recipe.kind} \`${imp.recipe.name}\``;
  return `${fileLabel(context, file.path)}: ${targets.length} targets, ${functions.length} functions, as \`${imp.alias}+<name>\` in ${scope}.`;
}

function keywordHover(_model: FileModel, command: CommandNode, offset: number): Answer {
  if (!within(command.keyword.range, offset)) return undefined;
  const spec = commandByName(command.keyword.text);
  return spec && { markdown: describeCommand(spec), range: span(command.keyword.range) };
}

/** The VERSION line: each feature flag, and the number with the features it turns on by default. */
function versionHover(model: FileModel, command: CommandNode, offset: number): Answer {
  const version = model.version;
  if (!version || version.command !== command) return undefined;
  const flag = version.flags.find((f) => within(f.range, offset));
  const feature = flag && featureByName(flag.name);
  if (flag) return feature && { markdown: describeFeature(feature), range: span(flag.range) };
  if (!within(version.valueRange, offset)) return undefined;
  const value = version.value!;
  const added = FEATURES.filter((f) => f.defaultAt === value).map((f) => `\`--${f.name}\``);
  const markdown = [
    `\`VERSION ${value}\``,
    commandByName('VERSION')?.doc,
    added.length > 0 ? `Turns on by default, besides the features of earlier versions: ${added.join(', ')}.` : undefined,
  ].filter((p) => p !== undefined);
  return { markdown: markdown.join('\n\n'), range: span(version.valueRange!) };
}

/** A flag's name or its value: the flag's description. */
function flagHover(_model: FileModel, command: CommandNode, offset: number): Answer {
  const spec = commandByName(command.keyword.text);
  const flag = command.flags.find((f) => within(f.range, offset));
  const flagSpec = spec && flag && flagOf(spec, flag.name);
  if (!flagSpec) return undefined;
  const range = within(flag.nameRange, offset) || !flag.valueRange ? flag.nameRange : flag.valueRange;
  return { markdown: describeFlag(spec, flagSpec), range: span(range) };
}
