// Variable checks (reference §8): ARG/LET/SET scoping under --arg-scope-and-set, builtin ARG misuse,
// and `$VAR` that nothing declares. Messages follow earthly `variables/collection.go` and the converter.
import { builtinArg, isEarthlySpelling, type BuiltinArgSpec } from '../../language/builtinArgs';
import { featureByName } from '../../language/features';
import type { Recipe, Scope, Variable } from '../model';
import type { CheckContext, CheckGroup } from './check';
import type { Fix, Flavor } from './finding';
import { span } from './span';
import { checkUndeclaredUses } from './variableUses';

export const variableChecks: CheckGroup = {
  rules: {
    'E-arg-redeclared': { severity: 'error', summary: 'An ARG declared twice in the same target or function (--arg-scope-and-set).' },
    'E-arg-after-let': { severity: 'error', summary: 'An ARG declared after a LET of the same name.' },
    'E-let-redeclared': { severity: 'error', summary: 'A LET declared twice in the same target or function.' },
    'E-global-redeclared': { severity: 'error', summary: 'A base-recipe ARG redeclared with --global.' },
    'E-set-on-arg': { severity: 'error', summary: 'SET on an ARG (or ENV, FOR variable), which only LET variables allow.' },
    'E-set-undeclared': { severity: 'error', summary: 'SET on a name that no LET declared before.' },
    'E-builtin-default': { severity: 'error', summary: 'A builtin ARG declared with a default value.' },
    'E-builtin-override': { severity: 'error', summary: 'A builtin ARG given a value by an override (--NAME=value).' },
    'E-let-builtin': { severity: 'error', summary: 'LET with the name of a builtin ARG.' },
    'W-builtin-unavailable': { severity: 'warning', summary: 'A builtin ARG whose VERSION feature is off, so it is an ordinary empty ARG.' },
    'W-undeclared-variable': { severity: 'warning', summary: 'A $VAR that Earthly expands but nothing declares: it expands to an empty string.' },
    'H-deprecated-builtin': { severity: 'hint', summary: 'An EARTHLY_* builtin ARG, which EarthBuild calls EARTH_*.', flavor: 'earthbuild' },
  },
  check(context) {
    const { model } = context;
    if (model.features.has('arg-scope-and-set')) checkScoping(context);
    checkBuiltins(context);
    checkUndeclaredUses(context);
    if (context.flavor === 'earthbuild') checkDeprecatedSpellings(context);
  },
};

/**
 * What always runs the declaration: its recipe, or the IF/FOR/TRY/WITH clause it is written in (WAIT
 * bodies always run). The model puts `--global` ARGs in the file's global scope, which counts as the
 * base recipe's top level.
 */
function runKey(v: Variable): Scope | Recipe {
  let scope = v.scope;
  while (scope.kind === 'block' && scope.block?.kind === 'wait' && scope.parent) scope = scope.parent;
  return scope.kind === 'block' ? scope : scope.recipe;
}

/**
 * Whether `first` has always run when `later` runs: `later` is written in the scope that always runs
 * `first`, or in a block inside it. (Earthly's own tests call `ARG X` then `IF … ARG X … END` an error.)
 */
function alwaysBefore(first: Variable, later: Variable): boolean {
  const key = runKey(first);
  for (let scope: Scope | undefined = later.scope; scope; scope = scope.parent) {
    if (scope === key || (scope.kind !== 'block' && scope.recipe === key)) return true;
  }
  return false;
}

/** The declaration command's keyword, replaced: `SET x = 1` → `LET x = 1`. */
function changeKeyword(v: Variable, keyword: string, title: string): Fix {
  return { title, edits: [{ range: v.command.keyword.range, newText: keyword }], preferred: true };
}

/**
 * Redeclarations and SET (collection.go `DeclareVar`, `UpdateVar`). A redeclaration is reported only
 * when the first declaration has always run: one in each IF branch is valid.
 */
function checkScoping({ model, report }: CheckContext): void {
  const variables = model.variables;
  const globalArgs = new Set<string>();
  for (const v of variables) if (v.global) globalArgs.add(v.name);
  // The model lists declarations recipe by recipe, in source order. The earlier declarations of a
  // name in the same recipe are a chain through `previous`, from the latest one of each name: no
  // table per recipe and no list per name.
  const latest = new Map<string, number>();
  const previous = new Int32Array(variables.length);
  variables.forEach((v, i) => {
    const recipe = v.scope.recipe;
    const last = latest.get(v.name);
    const head = last !== undefined && variables[last].scope.recipe === recipe ? last : -1;
    previous[i] = head;
    latest.set(v.name, i);
    if (v.kind === 'SET') {
      checkSet(report, v, variables, previous, head, recipe.kind !== 'base' && globalArgs.has(v.name));
    } else if (v.kind === 'ARG' || v.kind === 'LET') {
      // Earthly looks at the LET variables first (collection.go `DeclareVar`): the first LET that
      // clashes, else the first declaration that does. The chain runs backwards, so the last one seen wins.
      let firstLet: Variable | undefined;
      let first: Variable | undefined;
      for (let j = head; j >= 0; j = previous[j]) {
        const e = variables[j];
        if ((e.kind !== 'ARG' && e.kind !== 'LET') || !alwaysBefore(e, v) || !clashes(e, v)) continue;
        if (e.kind === 'LET') firstLet = e;
        first = e;
      }
      const clash = firstLet ?? first;
      if (clash) reportRedeclared(report, clash, v);
    }
  });
}

/** Whether declaring `later` after `first` fails: globals and locals of the base live in separate scopes. */
function clashes(first: Variable, later: Variable): boolean {
  if (later.kind === 'LET') return first.kind === 'LET';
  if (first.kind === 'LET') return true;
  const firstGlobal = hasFlag(first, 'global');
  const laterGlobal = hasFlag(later, 'global');
  // `ARG --global X` then `ARG X` adds X to the target's own scope beside the global one.
  return firstGlobal === laterGlobal || laterGlobal;
}

function hasFlag(v: Variable, flag: string): boolean {
  return v.command.flags.some((f) => f.name === flag);
}

function quoted(v: Variable): string {
  return JSON.stringify(v.value ?? '');
}

function reportRedeclared(report: CheckContext['report'], first: Variable, later: Variable): void {
  const name = later.name;
  const related = { range: first.nameRange, message: `${name} is first declared here` };
  if (later.kind === 'LET') {
    report('E-let-redeclared', later.nameRange, `this variable was declared twice in the same target: if you want to change the value of '${name}', use 'SET ${name} = ${quoted(later)}'`, {
      related,
      fixes: [changeKeyword(later, 'SET', `Change to SET ${name}`)],
    });
  } else if (first.kind === 'LET') {
    report('E-arg-after-let', later.nameRange, `'${name}' was already declared with LET and cannot be redeclared as an ARG`, { related });
  } else if (hasFlag(later, 'global') && !hasFlag(first, 'global')) {
    report('E-global-redeclared', later.nameRange, `could not override non-global ARG with global ARG: '${name}' was already declared as a non-global ARG in this scope - did you mean to add '--global' to the original declaration?`, { related });
  } else {
    report('E-arg-redeclared', later.nameRange, `this variable was declared twice in the same target: if you want to change the value of '${name}', redeclare it as a non-argument variable with 'LET ${name} = ${quoted(later)}'`, {
      related,
      // LET takes no flags and needs a value.
      fixes: later.value !== undefined && later.command.flags.length === 0 ? [changeKeyword(later, 'LET', `Change to LET ${name}`)] : [],
    });
  }
}

/** SET needs a LET of the same name before it, anywhere earlier in the recipe (any IF branch will do). */
function checkSet(
  report: CheckContext['report'],
  set: Variable,
  variables: readonly Variable[],
  previous: Int32Array,
  head: number,
  isGlobalArg: boolean,
): void {
  const name = set.name;
  // The first declaration that is not a SET; the chain runs backwards, so the last one seen.
  let declared: Variable | undefined;
  for (let j = head; j >= 0; j = previous[j]) {
    const e = variables[j];
    if (e.kind === 'LET') return;
    if (e.kind !== 'SET') declared = e;
  }
  const fixes = [changeKeyword(set, 'LET', `Declare ${name} with LET`)];
  if (declared || isGlobalArg) {
    const what = declared?.kind === 'ENV' ? 'an ENV variable' : declared?.kind === 'FOR' ? 'a FOR variable' : 'an ARG';
    report('E-set-on-arg', set.nameRange, `'${name}' is ${what} and cannot be used with SET - try declaring 'LET ${name} = $${name}' first`, { fixes });
  } else {
    report('E-set-undeclared', set.nameRange, `'${name}' needs to be declared with 'LET ${name} = someValue' before it can be used with SET`, { fixes });
  }
}

/** The builtin ARG spelled `name` for the user's tool (EarthBuild also knows the `EARTH_*` names). */
function builtinFor(name: string, flavor: Flavor): BuiltinArgSpec | undefined {
  const spec = builtinArg(name);
  if (!spec) return undefined;
  if (flavor === 'earthbuild') return spec;
  return spec.name === name && !spec.earthbuildOnly ? spec : undefined;
}

/** How to switch on a feature: the VERSION that has it by default, or the flag. */
function featureHint(feature: string): string {
  const defaultAt = featureByName(feature)?.defaultAt ?? 'experimental';
  return /^\d/.test(defaultAt) ? `VERSION ${defaultAt} or VERSION --${feature}` : `VERSION --${feature}`;
}

function checkBuiltins(context: CheckContext): void {
  const { model, report, flavor } = context;
  for (const v of model.variables) {
    const spec = builtinFor(v.name, flavor);
    if (!spec) continue;
    if (v.kind === 'LET') {
      report('E-let-builtin', v.nameRange, `LET cannot override built-in variable ${JSON.stringify(v.name)}`);
    } else if (v.kind === 'ARG' && v.value) {
      const kv = v.command.keyValue;
      const end = v.valueRange?.end ?? v.nameRange.end;
      report('E-builtin-default', { start: kv?.equals?.start ?? v.nameRange.end, end }, `arg default value supplied for built-in ARG: ${v.name}`, {
        fixes: [{ title: 'Remove the default value', edits: [{ range: { start: v.nameRange.end, end }, newText: '' }], preferred: true }],
      });
    } else if (v.kind === 'ARG' && spec.feature && !model.features.has(spec.feature)) {
      checkUnavailable(context, v, spec.feature);
    }
  }
  for (const site of model.references) {
    for (const o of site.overrides) {
      if (builtinFor(o.key, flavor)) report('E-builtin-override', span(o.keyRange), `value cannot be specified for built-in build arg ${o.key}`);
    }
  }
}

function checkUnavailable({ model, report }: CheckContext, v: Variable, feature: string): void {
  const version = model.version?.command.keyword.range;
  const fixes: Fix[] = version
    ? [{ title: `Add --${feature} to VERSION`, edits: [{ range: { start: version.end, end: version.end }, newText: ` --${feature}` }] }]
    : [];
  report('W-builtin-unavailable', v.nameRange, `${v.name} is a builtin ARG only with ${featureHint(feature)}; here it is an ordinary ARG with an empty value.`, { fixes });
}

/**
 * EarthBuild warns "the built-in ARG EARTHLY_X is deprecated. Use EARTH_X." (EB reserved/deprecated.go).
 * The fix renames the declaration and every `$EARTHLY_X` it serves, RUN commands included.
 */
function checkDeprecatedSpellings({ model, report }: CheckContext): void {
  const text = model.tree.text;
  for (const v of model.variables) {
    if (v.kind !== 'ARG' || !isEarthlySpelling(v.name)) continue;
    const renamed = builtinArg(v.name)?.earthbuildName ?? v.name;
    const end = v.global ? text.length : v.visible.end;
    const uses = new RegExp(`\\$\\{?${v.name}(?![A-Za-z0-9_])`, 'g');
    uses.lastIndex = v.visible.start;
    const edits = [{ range: v.nameRange, newText: renamed }];
    for (let m = uses.exec(text); m && m.index < end; m = uses.exec(text)) {
      const start = m.index + m[0].length - v.name.length;
      edits.push({ range: { start, end: start + v.name.length }, newText: renamed });
    }
    report('H-deprecated-builtin', v.nameRange, `the built-in ARG ${v.name} is deprecated. Use ${renamed}.`, {
      tag: 'deprecated',
      fixes: [{ title: `Rename to ${renamed}`, edits, preferred: true }],
    });
  }
}
