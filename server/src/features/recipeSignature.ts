// What a caller sees of a target or function, for hover and signature help: the ARGs it can set
// (`--required` first, with defaults), the doc comment above the header, and what the recipe saves
// and pushes (SAVE ARTIFACT, SAVE IMAGE).

import * as nodePath from 'node:path';
import type { FileModel, Recipe, ReferenceSite, Variable } from '../analysis/model';
import { argDefault, argsOfRecipe } from '../analysis/recipeArgs';
import { forEachStatementOf } from '../analysis/statements';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import type { CommandNode, EarthfileRef } from '../parser';

/** Outputs of a recipe: the commands listed, by keyword. */
const OUTPUT_COMMANDS: ReadonlySet<string> = new Set(['SAVE ARTIFACT', 'SAVE IMAGE']);

/** The most lines of each kind a signature lists, and the longest text of one line, so a hover stays small. */
const MAX_LINES = 20;
const MAX_TEXT = 120;

export interface RecipeSignature {
  readonly recipe: Recipe;
  /** The ARGs a caller can set, `--required` first, then in declaration order. */
  readonly args: readonly Variable[];
  /** The SAVE ARTIFACT and SAVE IMAGE lines of the recipe, nested ones included. */
  readonly outputs: readonly CommandNode[];
}

/** Where a recipe is written, as the hover names it: `this Earthfile` or `` `./lib/Earthfile` ``, and the 0-based line of its header. */
export interface RecipeLocation {
  readonly file: string;
  readonly line: number;
}

export function recipeSignature(model: FileModel, recipe: Recipe): RecipeSignature {
  const outputs: CommandNode[] = [];
  forEachStatementOf(recipe, (statement) => {
    if (statement.kind === 'command' && OUTPUT_COMMANDS.has(statement.keyword.text)) outputs.push(statement);
  });
  return { recipe, args: argsOfRecipe(model, recipe), outputs };
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT - 1) + '…' : text;
}

/** The override a caller writes for `arg`: `--NAME=default`, `--NAME=<required>`, or `--NAME` without a default. */
export function overrideLabel(arg: Variable): string {
  if (arg.required) return `--${arg.name}=<required>`;
  const value = argDefault(arg);
  return value === undefined ? `--${arg.name}` : clip(`--${arg.name}=${value}`);
}

/** The markdown of one parameter: required, or its default, and where it is declared. */
export function overrideDoc(arg: Variable): string {
  const value = argDefault(arg);
  const what = arg.required ? '**Required**: the caller must give a value.' : value === undefined ? 'No default: empty unless given.' : `Default: \`${clip(value)}\`.`;
  return arg.global ? `${what} A global ARG of the callee's Earthfile.` : what;
}

/** An ARG line as a declaration: `ARG --required NAME`, `ARG NAME=default`. */
export function argLine(arg: Variable): string {
  const flags = arg.command.flags.map((f) => `--${f.name} `).join('');
  const value = argDefault(arg);
  return clip(`ARG ${flags}${arg.name}${value === undefined ? '' : `=${value}`}`);
}

function commandLine(command: CommandNode): string {
  return clip([command.keyword.text, ...command.rawArgs.map((a) => a.text)].join(' '));
}

/** At most `MAX_LINES` of `lines`, with a last line saying how many were left out. */
function capped(lines: readonly string[], indent: string): string[] {
  if (lines.length <= MAX_LINES) return lines.map((l) => indent + l);
  return [...lines.slice(0, MAX_LINES).map((l) => indent + l), `${indent}# … ${lines.length - MAX_LINES} more`];
}

/**
 * The recipe as a short Earthfile: the global ARGs it sees, its header, its own ARGs and its outputs,
 * then where it is written and its doc comment.
 */
export function describeRecipe(signature: RecipeSignature, location: RecipeLocation): string {
  const { recipe, args, outputs } = signature;
  const globals = args.filter((a) => a.global).map(argLine);
  const own = args.filter((a) => !a.global).map(argLine);
  const skeleton = [...capped(globals, ''), `${recipe.name}:`, ...capped([...own, ...outputs.map(commandLine)], '    ')];
  const kind = recipe.kind === 'function' ? 'Function' : 'Target';
  const parts = ['```earthfile\n' + skeleton.join('\n') + '\n```', `${kind} \`${recipe.name}\` in ${location.file}, line ${location.line + 1}.`];
  const docs = recipe.docs?.trim();
  if (docs) parts.push(docs);
  return parts.join('\n\n');
}

/** What hover and signature help read besides the document's model. */
export interface FeatureContext {
  /** The document's file path; undefined for an unsaved document, whose references to other files stay unresolved. */
  readonly path?: string;
  readonly workspace: Pick<WorkspaceIndex, 'resolveReference' | 'importedFile'>;
  /** The 0-based line of `offset` in `model`'s text. */
  readonly lineOf: (model: FileModel, offset: number) => number;
}

/** The target or function a reference names, found in the workspace. */
export interface Callee {
  readonly model: FileModel;
  /** The callee's Earthfile; undefined when it is the unsaved document itself. */
  readonly path?: string;
  readonly recipe: Recipe;
  readonly location: RecipeLocation;
}

/** A callee, or the sentence saying why there is none to show. */
export type CalleeLookup = { readonly callee: Callee } | { readonly note: string };

/** How the hover names a file: `this Earthfile`, or its path relative to the document's folder. */
export function fileLabel(context: FeatureContext, path: string | undefined): string {
  if (path === undefined || path === context.path) return 'this Earthfile';
  return `\`${relativeEarthfile(context.path, path)}\``;
}

/** `path` as written from the folder of the Earthfile at `from` (`./dir/Earthfile`, `../Earthfile`); absolute without `from`. */
export function relativeEarthfile(from: string | undefined, path: string): string {
  if (from === undefined) return path;
  const relative = nodePath.relative(nodePath.dirname(from), path).split(nodePath.sep).join('/');
  return relative.startsWith('.') ? relative : './' + relative;
}

/** Where a remote Earthfile comes from, and that it is not read here. */
export function remoteNote(earthfile: Extract<EarthfileRef, { kind: 'remote' }>, via?: string): string {
  const at = earthfile.tag ? ` at \`${earthfile.tag.text}\`` : ' on its default branch';
  const alias = via === undefined ? '' : ` (imported as \`${via}\`)`;
  return `From the Earthfile of the git repository \`${earthfile.repo.text}\`${at}${alias}, fetched at build time. Remote Earthfiles are not checked locally: their targets, ARGs and artifacts are not known here.`;
}

/** The target or function `site` names, in this file or another Earthfile of the workspace. */
export function lookupCallee(model: FileModel, site: ReferenceSite, context: FeatureContext): CalleeLookup | undefined {
  const ref = site.ref;
  if (!ref) return undefined;
  const kind = ref.nameKind === 'function' ? 'function' : 'target';
  const name = ref.name.text;
  if (ref.dynamic) return { note: 'The reference holds a variable: it is expanded at build time, so it is not resolved here.' };
  const earthfile = ref.earthfile.kind === 'import' ? site.import?.earthfile : ref.earthfile;
  if (ref.earthfile.kind === 'import' && !earthfile) {
    return { note: `No IMPORT gives the alias \`${ref.earthfile.alias.text}\` here.` };
  }
  if (earthfile?.kind === 'remote') {
    return { note: remoteNote(earthfile, ref.earthfile.kind === 'import' ? ref.earthfile.alias.text : undefined) };
  }
  if (ref.earthfile.kind === 'same') {
    const recipe = (ref.nameKind === 'function' ? model.functionsByName : model.targetsByName).get(name);
    if (!recipe) return { note: `This Earthfile has no ${kind} \`${name}\`.` };
    return { callee: { model, path: context.path, recipe, location: { file: fileLabel(context, undefined), line: context.lineOf(model, recipe.range.start) } } };
  }
  if (context.path === undefined) return { note: 'The document is not saved as a file, so other Earthfiles cannot be read from it.' };
  const resolved = context.workspace.resolveReference(context.path, site);
  if (!resolved) return { note: 'No Earthfile is found in that folder.' };
  const file = fileLabel(context, resolved.file.path);
  if (!resolved.definition) return { note: `${file} has no ${kind} \`${name}\`.` };
  const recipe = resolved.definition;
  return { callee: { model: resolved.file.model, path: resolved.file.path, recipe, location: { file, line: context.lineOf(resolved.file.model, recipe.range.start) } } };
}
