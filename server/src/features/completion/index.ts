// Completion at an offset of an Earthfile: reads what is typed there (cursorContext), then asks the
// module for each kind of context. Pure: the file system and the workspace come in through the env,
// and image names, which only the client knows, are returned as a query for the caller to answer.

import type { CompletionItem } from 'vscode-languageserver-types';
import type { Flavor } from '../../../../shared/src/settings';
import { builtinArg } from '../../language/builtinArgs';
import { commandByName, flagOf } from '../../language/commands';
import { describeBuiltinArg, describeCommand, describeFeature, describeFlag } from '../../language/descriptions';
import { featureByName } from '../../language/features';
import { argumentContexts, type ArgumentContext, type Typed } from './argumentContext';
import { commandItems } from './commandItems';
import { cursorContext } from './cursorContext';
import type { CompletionEnv, ItemData } from './environment';
import { featureItems, flagItems, flagValueItems, versionItems } from './flagItems';
import { pathItems } from './pathItems';
import { recipePlace, type RecipePlace } from './recipePlace';
import { overrideItems, referenceItems } from './referenceItems';
import { variableItems } from './variableItems';

export type { CompletionEnv, DirectoryEntry } from './environment';
export { completionList } from './listDefaults';

/** Image names or tags to ask the client for: after FROM, SAVE IMAGE and WITH DOCKER --pull/--load. */
export interface ImageQuery {
  readonly prefix: string;
  readonly kind: 'image' | 'tag';
  /** Where the answer's labels go: the whole word for an image, after the `:` for a tag. */
  readonly start: number;
  readonly end: number;
}

export interface CompletionResult {
  readonly items: CompletionItem[];
  readonly imageQuery?: ImageQuery;
}

const NOTHING: CompletionResult = { items: [] };

type Handler<K extends ArgumentContext['kind']> = (
  env: CompletionEnv,
  context: Extract<ArgumentContext, { kind: K }>,
  offset: number,
  place: () => RecipePlace,
) => CompletionItem[];

/** The items of each kind of argument context (images are the caller's). */
const HANDLERS: { readonly [K in ArgumentContext['kind']]: Handler<K> } = {
  variable: (env, c, offset) => variableItems(env, offset, c.start, c.braced),
  flag: (env, c, _offset, place) => flagItems(env, c.spec, c.given, c.typed, place()),
  feature: (env, c) => featureItems(env, c.given, c.typed),
  versionNumber: (env, c) => versionItems(env, c.typed),
  flagValue: (env, c) => flagValueItems(env, c.spec, c.flag, c.typed),
  reference: (env, c, offset) => referenceItems(env, offset, c.expect, c.typed),
  override: (env, c, offset) => overrideItems(env, offset, c.ref, c.given, c.typed),
  path: (env, c) => pathItems(env, c.typed),
  image: () => [],
};

/**
 * The completion items at `offset`; never throws on any text or offset. `triggerCharacter` is the
 * character whose typing asked, if any: a space typed as indentation asks for nothing.
 */
export function complete(env: CompletionEnv, offset: number, triggerCharacter?: string): CompletionResult {
  const text = env.model.tree.text;
  const context = cursorContext(text, offset);
  if (!context || (triggerCharacter === ' ' && context.kind === 'keyword' && context.prefix === '')) return NOTHING;
  const at = context.line.offset;
  let cachedPlace: RecipePlace | undefined;
  const place = () => (cachedPlace ??= recipePlace(env.model, context.line.lineStart));
  if (context.kind === 'keyword') {
    return { items: commandItems(env, { place: place(), column0: !context.line.indented, start: context.start, end: context.end }) };
  }
  if (!context.spec) return NOTHING;
  const items: CompletionItem[] = [];
  let imageQuery: ImageQuery | undefined;
  for (const c of argumentContexts(context.spec, context.args)) {
    if (c.kind === 'image') imageQuery = imageQueryOf(c.typed);
    items.push(...(HANDLERS[c.kind] as Handler<typeof c.kind>)(env, c, at, place));
  }
  return { items, imageQuery };
}

/** A query for an image name being typed; none for what is clearly not one (a variable, a path, a reference). */
function imageQueryOf(typed: Typed): ImageQuery | undefined {
  if (/^[.$/~(+-]/.test(typed.text) || typed.text.includes('+')) return undefined;
  const colon = typed.text.lastIndexOf(':');
  const tag = colon > typed.text.lastIndexOf('/');
  return { prefix: typed.text, kind: tag ? 'tag' : 'image', start: tag ? typed.start + colon + 1 : typed.start, end: typed.end };
}

/** The item with its documentation, written from the language tables named by its `data`. */
export function resolveItem(item: CompletionItem, flavor: Flavor): CompletionItem {
  const value = documentation(item.data as ItemData | undefined, flavor);
  return value === undefined ? item : { ...item, documentation: { kind: 'markdown', value } };
}

function documentation(data: ItemData | undefined, flavor: Flavor): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  switch (data.kind) {
    case 'command': {
      const spec = commandByName(data.name);
      return spec && describeCommand(spec);
    }
    case 'flag': {
      const spec = commandByName(data.command);
      const flag = spec && flagOf(spec, data.flag);
      return flag && describeFlag(spec, flag);
    }
    case 'feature': {
      const spec = featureByName(data.name);
      return spec && describeFeature(spec);
    }
    case 'builtin': {
      const spec = builtinArg(data.name);
      return spec && describeBuiltinArg(spec, flavor);
    }
    default:
      return undefined;
  }
}
