// Command keywords valid where a command line starts: by recipe kind and placement, inside a block
// only what its body allows (WITH DOCKER, TRY, FINALLY), after LOCALLY not what LOCALLY refuses, and
// the clauses and END that continue or close the innermost open block.

import { CompletionItemKind, CompletionItemTag, InsertTextFormat, InsertTextMode, type CompletionItem } from 'vscode-languageserver-types';
import { COMMANDS, commandByName, isDeprecatedCommand, type CommandSpec } from '../../language/commands';
import { LOCALLY_RESTRICTIONS } from '../../language/locally';
import type { CompletionEnv, ItemData } from './environment';
import { featureEdits, missingFeatures, replace } from './environment';
import type { RecipePlace } from './recipePlace';
import { COMMAND_SNIPPETS, EXTRA_SNIPPETS, HEADER_SNIPPETS } from './snippets';

/** The clauses and END that may follow inside each kind of clause (reference §5). */
const CONTINUATIONS: Readonly<Record<string, readonly string[]>> = {
  IF: ['ELSE IF', 'ELSE', 'END'],
  'ELSE IF': ['ELSE IF', 'ELSE', 'END'],
  ELSE: ['END'],
  FOR: ['END'],
  'WITH DOCKER': ['END'],
  WAIT: ['END'],
  TRY: ['CATCH', 'FINALLY', 'END'],
  CATCH: ['FINALLY', 'END'],
  FINALLY: ['END'],
};

/**
 * Commands a restricted body admits beyond its rule, because what they expand to may satisfy it: a DO
 * whose function holds the one RUN of a WITH DOCKER (the block check lets a lone DO pass too).
 */
const BODY_ALSO: Readonly<Record<string, readonly string[]>> = { 'WITH DOCKER': ['DO'] };

/** Commands a LOCALLY recipe refuses outright. */
const REFUSED_LOCALLY = new Set(LOCALLY_RESTRICTIONS.filter((r) => !r.flag && !r.asLocalOnly).map((r) => r.command));

/** The commands Earthly has for an ordinary recipe line (not clauses, not Dockerfile leftovers). */
const ORDINARY = COMMANDS.filter((c) => !c.unsupported && c.block !== 'clause' && c.block !== 'end');

export interface KeywordSite {
  readonly place: RecipePlace;
  /** The line starts at column 0. */
  readonly column0: boolean;
  readonly start: number;
  readonly end: number;
}

/** The command (and header snippet) items for a keyword typed at `site`. */
export function commandItems(env: CompletionEnv, site: KeywordSite): CompletionItem[] {
  const { place } = site;
  const headerLine = site.column0 && place.recipe.kind !== 'base';
  const specs = headerLine ? [] : commandsAt(env, place);
  const items = specs.map((spec) => commandItem(env, site, spec));
  if (env.snippets) {
    for (const snippet of EXTRA_SNIPPETS) {
      if (!specs.some((s) => s.name === snippet.command)) continue;
      items.push({
        label: snippet.label,
        kind: CompletionItemKind.Snippet,
        detail: snippet.detail,
        sortText: `1${snippet.command}~`,
        filterText: snippet.command,
        textEdit: replace(env, site.start, site.end, snippet.body),
        insertTextFormat: InsertTextFormat.Snippet,
        insertTextMode: InsertTextMode.adjustIndentation,
        data: { kind: 'command', name: snippet.command } satisfies ItemData,
      });
    }
    if (site.column0) items.push(...headerItems(env, site));
  }
  return items;
}

function commandsAt(env: CompletionEnv, place: RecipePlace): CommandSpec[] {
  const inner = place.clauses[place.clauses.length - 1];
  const continuations = inner ? CONTINUATIONS[inner.keyword] ?? [] : [];
  const body = inner && commandByName(inner.keyword)?.body;
  const candidates = body ? specsNamed([...body.allowed, ...(BODY_ALSO[inner.keyword] ?? [])]) : ORDINARY;
  const allowed = candidates.filter((spec) => placed(env, place, spec) && !(place.afterLocally && REFUSED_LOCALLY.has(spec.name)));
  // What the interpreter refuses (CATCH) is as good as obsolete: never offered.
  return [...allowed, ...specsNamed(continuations)].filter((spec) => !spec.rejected);
}

function specsNamed(names: readonly string[]): CommandSpec[] {
  return names.map((name) => commandByName(name)).filter((c): c is CommandSpec => c !== undefined);
}

/** Whether the command's placement rule allows it at `place`. */
function placed(env: CompletionEnv, place: RecipePlace, spec: CommandSpec): boolean {
  const top = place.clauses.length === 0;
  switch (spec.placement) {
    case 'firstStatement':
      return place.recipe.kind === 'base' && place.first && !env.model.version;
    case 'baseRecipe':
      return place.recipe.kind === 'base' && top;
    case 'functionStart':
      return place.recipe.kind === 'function' && place.first;
    default:
      return true;
  }
}

function commandItem(env: CompletionEnv, site: KeywordSite, spec: CommandSpec): CompletionItem {
  const needed = [spec.feature, ...(spec.alsoFeatures ?? [])];
  const missing = missingFeatures(env, needed);
  const deprecated = isDeprecatedCommand(spec, env.model.features, env.flavor);
  const snippet = env.snippets ? COMMAND_SNIPPETS.get(spec.name) : undefined;
  const synopsis = spec.synopsis.split('\n', 1)[0];
  const rank = deprecated ? 3 : missing.length > 0 ? 2 : spec.block === 'clause' || spec.block === 'end' ? 0 : 1;
  return {
    label: spec.name,
    kind: CompletionItemKind.Keyword,
    detail: missing.length > 0 ? `${synopsis} (needs VERSION ${missing.map((f) => `--${f}`).join(' ')})` : synopsis,
    ...(deprecated && { tags: [CompletionItemTag.Deprecated] }),
    sortText: `${rank}${spec.name}`,
    filterText: spec.name,
    textEdit: replace(env, site.start, site.end, snippet ?? spec.name),
    ...(snippet && { insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.adjustIndentation }),
    ...(missing.length > 0 && { additionalTextEdits: featureEdits(env, needed) }),
    data: { kind: 'command', name: spec.name } satisfies ItemData,
  };
}

function headerItems(env: CompletionEnv, site: KeywordSite): CompletionItem[] {
  const functionKeyword = env.model.features.has('use-function-keyword') ? 'FUNCTION' : 'COMMAND';
  return HEADER_SNIPPETS.map((h) => ({
    label: h.label,
    kind: CompletionItemKind.Snippet,
    detail: h.detail,
    sortText: `4${h.label}`,
    textEdit: replace(env, site.start, site.end, h.body.replace('$FUNCTION', functionKeyword)),
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.adjustIndentation,
  }));
}
