// Flags of the command at the cursor (minus those given, unless repeatable), VERSION feature flags and
// numbers, and flag values: closed sets, platforms, `--mount` options and secret ids used in the workspace.

import { CompletionItemKind, CompletionItemTag, type CompletionItem } from 'vscode-languageserver-types';
import { flagSpelling, type CommandSpec, type FlagSpec } from '../../language/commands';
import { FEATURES, isDefaultAt, LATEST_VERSION, SUPPORTED_VERSIONS } from '../../language/features';
import { MOUNT_KEYS, MOUNT_TEMPLATES, PLATFORMS } from '../../language/flagValues';
import { forEachStatement } from '../../analysis/statements';
import type { FileModel } from '../../analysis/model';
import type { Typed } from './argumentContext';
import { featureEdits, missingFeatures, replace, type CompletionEnv, type ItemData } from './environment';
import type { RecipePlace } from './recipePlace';

const KIND_DETAIL: Readonly<Record<FlagSpec['kind'], string>> = { bool: 'switch', string: 'value', list: 'value, repeatable' };

/** The flags of `spec` that may still be written. */
export function flagItems(env: CompletionEnv, spec: CommandSpec, given: ReadonlySet<string>, typed: Typed, place: RecipePlace): CompletionItem[] {
  return spec.flags
    .filter((f) => !f.obsolete && (f.kind === 'list' || !given.has(f.name)))
    .filter((f) => f.placement !== 'baseRecipe' || place.recipe.kind === 'base')
    .map((flag) => {
      const needed = [flag.feature, ...(flag.alsoFeatures ?? [])];
      const missing = missingFeatures(env, needed);
      const label = flagSpelling(flag);
      const rank = flag.deprecated ? 3 : missing.length > 0 ? 2 : 1;
      return {
        label,
        kind: CompletionItemKind.Property,
        detail: missing.length > 0 ? `${KIND_DETAIL[flag.kind]} (needs VERSION ${missing.map((f) => `--${f}`).join(' ')})` : KIND_DETAIL[flag.kind],
        ...(flag.deprecated && { tags: [CompletionItemTag.Deprecated] }),
        sortText: `${rank}${label}`,
        filterText: label,
        textEdit: replace(env, typed.start, typed.end, label),
        commitCharacters: flag.kind === 'bool' ? [' '] : [' ', '='],
        ...(missing.length > 0 && { additionalTextEdits: featureEdits(env, needed) }),
        data: { kind: 'flag', command: spec.name, flag: flag.name } satisfies ItemData,
      };
    });
}

/** VERSION feature flags not yet named; those already on by default at the file's version come last. */
export function featureItems(env: CompletionEnv, given: ReadonlySet<string>, typed: Typed): CompletionItem[] {
  const version = env.model.version?.value ?? LATEST_VERSION;
  return FEATURES.filter((f) => !given.has(f.name)).map((f) => {
    const label = `--${f.name}`;
    const redundant = isDefaultAt(f.name, version);
    return {
      label,
      kind: CompletionItemKind.Property,
      detail: redundant ? `on by default in ${version}` : f.defaultAt === 'experimental' ? 'experimental' : `default from ${f.defaultAt}`,
      sortText: `${redundant ? 2 : 1}${label}`,
      filterText: label,
      textEdit: replace(env, typed.start, typed.end, label),
      commitCharacters: [' '],
      data: { kind: 'feature', name: f.name } satisfies ItemData,
    };
  });
}

/** The VERSION numbers a build accepts, newest first. */
export function versionItems(env: CompletionEnv, typed: Typed): CompletionItem[] {
  return [...SUPPORTED_VERSIONS].reverse().map((v, i) => ({
    label: v,
    kind: CompletionItemKind.Value,
    sortText: `${i}`,
    textEdit: replace(env, typed.start, typed.end, v),
  }));
}

/** The values of `flag`. */
export function flagValueItems(env: CompletionEnv, spec: CommandSpec, flag: FlagSpec, typed: Typed): CompletionItem[] {
  return VALUE_SOURCES[flag.name]?.(env, typed) ?? valueList(env, flag.values ?? [], typed, `${spec.name} ${flagSpelling(flag)}`);
}

function valueList(env: CompletionEnv, values: readonly string[], typed: Typed, detail: string): CompletionItem[] {
  return values.map((value, i) => ({
    label: value,
    kind: CompletionItemKind.Value,
    detail,
    sortText: String(i).padStart(3, '0'),
    textEdit: replace(env, typed.start, typed.end, value),
  }));
}

type ValueSource = (env: CompletionEnv, typed: Typed) => CompletionItem[];

/** Flags whose values come from elsewhere than `FlagSpec.values`, by flag name. */
const VALUE_SOURCES: Readonly<Record<string, ValueSource>> = {
  platform: (env, typed) => valueList(env, PLATFORMS, typed, 'platform'),
  mount: mountItems,
  secret: (env, typed) => {
    // `--secret ENV=secret-id`: after `=` comes the id.
    const eq = typed.text.indexOf('=');
    const at = eq < 0 ? typed : { text: typed.text.slice(eq + 1), start: typed.start + eq + 1, end: typed.end };
    return valueList(env, secretIds(env, typed.start), at, 'secret used in the workspace');
  },
};

/** `--mount` options: a whole template at first, then `key=` after a comma, and values after `key=`. */
function mountItems(env: CompletionEnv, typed: Typed): CompletionItem[] {
  const comma = typed.text.lastIndexOf(',');
  const segment = typed.text.slice(comma + 1);
  const start = typed.start + comma + 1;
  const end = segmentEnd(env.model.tree.text, typed.start + typed.text.length, typed.end);
  const eq = segment.indexOf('=');
  if (eq >= 0) {
    const key = segment.slice(0, eq);
    const at = { text: segment.slice(eq + 1), start: start + eq + 1, end };
    if (key === 'id' && /(^|,)type=secret(,|$)/.test(typed.text)) return valueList(env, secretIds(env, typed.start), at, 'secret used in the workspace');
    return valueList(env, MOUNT_KEYS.find((k) => k.key === key)?.values ?? [], at, `--mount ${key}`);
  }
  const used = new Set(typed.text.split(',').map((p) => p.split('=', 1)[0]));
  const keys = MOUNT_KEYS.filter((k) => !used.has(k.key)).map((k) => ({
    label: `${k.key}=`,
    kind: CompletionItemKind.Property,
    detail: k.values ? k.values.join(' | ') : '--mount option',
    documentation: k.doc,
    sortText: `1${k.key}`,
    textEdit: replace(env, start, end, `${k.key}=`),
  }));
  const templates = comma < 0 ? valueList(env, MOUNT_TEMPLATES, { text: segment, start, end: typed.end }, '--mount') : [];
  return [...templates, ...keys];
}

/** Where the comma-separated segment at `from` ends: at the next `,` or the word's end. */
function segmentEnd(text: string, from: number, wordEnd: number): number {
  const comma = text.indexOf(',', from);
  return comma >= 0 && comma < wordEnd ? comma : wordEnd;
}

/**
 * Secret ids named by `--secret` and `--mount type=secret,id=` in the file and the Earthfiles the
 * workspace has read, but for the value being typed at `typing`.
 */
function secretIds(env: CompletionEnv, typing: number): string[] {
  const ids = new Set<string>();
  const models = new Set<FileModel>([env.model, ...env.workspace.knownModels()]);
  for (const model of models) {
    forEachStatement(model, (st) => {
      const command = st.kind === 'command' ? st : st.clauses[0].command;
      for (const f of command.flags) {
        const value = f.value;
        if (value === undefined || (model === env.model && f.range.start <= typing && typing <= f.range.end)) continue;
        if (f.name === 'secret') ids.add(value.slice(value.indexOf('=') + 1));
        else if (f.name === 'mount' && /(^|,)type=secret(,|$)/.test(value)) {
          const id = /(?:^|,)id=([^,]*)/.exec(value)?.[1];
          if (id) ids.add(id);
        }
      }
    });
  }
  ids.delete('');
  return [...ids].sort();
}
