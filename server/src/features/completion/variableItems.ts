// Variables after `$` and `${`: the ARG, LET, ENV and FOR names in scope at the cursor (the recipe's,
// then the ENVs its `FROM +base` and `DO +function` lines brought, then the file's globals), then the builtin ARGs the file's VERSION and features provide, spelled for
// the flavor (`EARTHLY_*` or EARTHBuild's `EARTH_*`).

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { envInForce, workspaceResolver, type EnvInForce } from '../../analysis/inheritedEnv';
import { recipeAt, visibleVariables } from '../../analysis/lookup';
import type { Variable } from '../../analysis/model';
import { builtinArgsInForce } from '../../language/builtinArgs';
import { builtinSpelling } from '../../language/descriptions';
import { relativeEarthfile } from '../recipeSignature';
import { replace, type CompletionEnv, type ItemData } from './environment';

const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;

export function variableItems(env: CompletionEnv, offset: number, start: number, braced: boolean): CompletionItem[] {
  const source = env.model.tree.text;
  let end = offset;
  while (end < source.length && IDENTIFIER_CHAR.test(source[end])) end++;
  const close = braced && source[end] !== '}' ? '}' : '';
  const item = (name: string): Pick<CompletionItem, 'label' | 'filterText' | 'textEdit'> => ({
    label: name,
    filterText: name,
    textEdit: replace(env, start, end, name + close),
  });
  const declared = visibleVariables(env.model, offset);
  const items: CompletionItem[] = [...declared.values()].map((v) => ({
    ...item(v.name),
    kind: CompletionItemKind.Variable,
    detail: declarationText(v),
    // The recipe's own declarations first, then what FROM and DO brought, then the file's globals.
    sortText: `${v.global ? 2 : 0}${v.name}`,
  }));
  const place = { model: env.model, recipe: recipeAt(env.model, offset), path: env.path };
  for (const inherited of envInForce(place, offset, workspaceResolver(env.workspace)).values()) {
    const v = inherited.variable;
    if (declared.has(v.name) || inherited.recipe === place.recipe) continue;
    declared.set(v.name, v);
    items.push({
      ...item(v.name),
      kind: CompletionItemKind.Variable,
      detail: `${declarationText(v)} (from ${recipeLabel(env, inherited)})`,
      sortText: `1${v.name}`,
    });
  }
  for (const spec of builtinArgsInForce(env.model.features)) {
    if (spec.earthbuildOnly && env.flavor !== 'earthbuild') continue;
    const name = builtinSpelling(spec, env.flavor);
    if (declared.has(name)) continue;
    items.push({
      ...item(name),
      kind: CompletionItemKind.Constant,
      detail: 'builtin ARG',
      sortText: `3${name}`,
      data: { kind: 'builtin', name } satisfies ItemData,
    });
  }
  return items;
}

function declarationText(v: Variable): string {
  const flags = v.global ? ' --global' : v.required ? ' --required' : '';
  const value = v.value !== undefined ? `=${v.value}` : '';
  return v.kind === 'FOR' ? `FOR ${v.name} IN …` : `${v.kind}${flags} ${v.name}${value}`;
}

/** The recipe that set an inherited ENV: `+name`, and its Earthfile when it is another one. */
function recipeLabel(env: CompletionEnv, { recipe, model, path }: EnvInForce): string {
  const file = model === env.model || path === undefined ? '' : ` in ${relativeEarthfile(env.path, path)}`;
  return `+${recipe.name}${file}`;
}
