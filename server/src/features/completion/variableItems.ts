// Variables after `$` and `${`: the ARG, LET, ENV and FOR names in scope at the cursor (the recipe's,
// then the ENVs its `FROM +base` and `DO +function` lines brought, then the file's globals), then the builtin ARGs the file's VERSION and features provide, spelled for
// the flavor (`EARTHLY_*` or EARTHBuild's `EARTH_*`).

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { envInForce, workspaceResolver, type EnvInForce } from '../../analysis/inheritedEnv';
import { recipeAt, visibleVariables } from '../../analysis/lookup';
import type { Variable } from '../../analysis/model';
import { builtinArgsInForce } from '../../language/builtinArgs';
import { builtinSpelling } from '../../language/descriptions';
import { isNamePart } from '../../text/characters';
import { relativeEarthfile } from '../recipeSignature';
import { replace, type CompletionEnv, type ItemData } from './environment';

export function variableItems(env: CompletionEnv, offset: number, start: number, braced: boolean): CompletionItem[] {
  const source = env.model.tree.text;
  let end = offset;
  while (end < source.length && isNamePart(source.charCodeAt(end))) end++;
  const close = braced && source[end] !== '}' ? '}' : '';
  /** One item, written whole: no intermediate object per item (the builtin ARGs alone are about 30). */
  const item = (name: string, kind: CompletionItemKind, detail: string, sortText: string, data?: ItemData): CompletionItem => ({
    label: name,
    kind,
    detail,
    sortText,
    filterText: name,
    textEdit: replace(env, start, end, name + close),
    data,
  });
  const declared = visibleVariables(env.model, offset);
  // The recipe's own declarations first, then what FROM and DO brought, then the file's globals.
  const items: CompletionItem[] = [];
  for (const v of declared.values()) items.push(item(v.name, CompletionItemKind.Variable, declarationText(v), `${v.global ? 2 : 0}${v.name}`));
  const place = { model: env.model, recipe: recipeAt(env.model, offset), path: env.path };
  for (const inherited of envInForce(place, offset, workspaceResolver(env.workspace)).values()) {
    const v = inherited.variable;
    if (declared.has(v.name) || inherited.recipe === place.recipe) continue;
    declared.set(v.name, v);
    items.push(item(v.name, CompletionItemKind.Variable, `${declarationText(v)} (from ${recipeLabel(env, inherited)})`, `1${v.name}`));
  }
  for (const spec of builtinArgsInForce(env.model.features)) {
    if (spec.earthbuildOnly && env.flavor !== 'earthbuild') continue;
    const name = builtinSpelling(spec, env.flavor);
    if (declared.has(name)) continue;
    items.push(item(name, CompletionItemKind.Constant, 'builtin ARG', `3${name}`, { kind: 'builtin', name }));
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
