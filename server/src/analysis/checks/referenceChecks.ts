// Reference checks (reference §7, §9): targets and functions that do not exist, here or in a local
// Earthfile, IMPORT aliases, the wrong kind of name, COPY sources of both kinds, invalid syntax and
// BUILD/FROM cycles. Remote references are never resolved, so never reported as undefined.
import { RESERVED_TARGET_NAME } from '../../language/names';
import { isGroup, type ArgNode, type CommandNode, type Range, type Reference } from '../../parser';
import { literalArgDefaults } from '../argDefaults';
import type { Import, Recipe, ReferenceSite } from '../model';
import type { CheckContext, CheckGroup } from './check';
import { closest } from './closest';
import type { Fix } from './finding';
import { checkCycles } from './referenceCycles';
import { expandedReference, holdsVariable } from './expandedReferences';
import { createRecipeFix, type RecipeFile } from './referenceStubs';
import { span } from './span';

export const referenceChecks: CheckGroup = {
  rules: {
    'E-undefined-target': { severity: 'error', summary: 'A reference to a target that the (local) Earthfile does not define.' },
    'E-undefined-function': { severity: 'error', summary: 'A DO of a function that the (local) Earthfile does not define.' },
    'E-missing-earthfile': { severity: 'error', summary: 'A reference into a directory that has no Earthfile or build.earth.' },
    'E-undefined-import': { severity: 'error', summary: 'A reference through an IMPORT alias that no IMPORT in force declares.' },
    'E-duplicate-import': { severity: 'error', summary: 'Two IMPORTs with the same alias in the same scope.' },
    'E-invalid-import': { severity: 'error', summary: 'An IMPORT Earthly refuses: ".", a path ending in ".." without AS, a bad alias.' },
    'E-wrong-reference-kind': { severity: 'error', summary: 'A target where a function is needed (DO +target) or the reverse (BUILD +FUNC).' },
    'E-copy-mixed-sources': { severity: 'error', summary: 'A COPY whose sources mix artifacts and build-context paths.' },
    'E-reference-cycle': { severity: 'error', summary: 'BUILD/FROM references that build a target from itself.' },
    'E-invalid-reference': { severity: 'error', summary: 'A target, function or artifact reference that does not parse.' },
    'E-invalid-override': { severity: 'error', summary: 'A word after a reference that is not a --KEY=value override.' },
  },
  check(context) {
    // The checked file, as the target of its own references (one object, not one per reference).
    const here: RecipeFile = { model: context.model, path: context.path };
    let defaults: ReturnType<typeof literalArgDefaults> | undefined;
    for (const site of context.model.references) {
      // A word with a variable is read once Earthly expands it: with the ARG defaults, or not at all.
      const overrideError = site.error !== undefined && OVERRIDE_ERROR.test(site.error);
      if (!overrideError && holdsVariable(context.model, site)) checkExpanded(context, site, here, (defaults ??= literalArgDefaults(context.model)));
      else checkSite(context, site, here);
    }
    checkImports(context);
    checkCopySources(context);
    checkCycles(context);
  },
};

/** Roles whose words Earthly takes for a build-context path when they do not parse as an artifact. */
const PATH_OR_ARTIFACT: ReadonlySet<ReferenceSite['role']> = new Set(['COPY', 'FROM DOCKERFILE', 'FROM DOCKERFILE -f']);

const OVERRIDE_ERROR = /^(invalid argument |no value provided for )/;

/** A glob in the path (`./svc/*+t`) names many Earthfiles; the wildcard features decide, not us. */
const GLOB = /[*?[]/;

function checkSite(context: CheckContext, site: ReferenceSite, here: RecipeFile): void {
  const ref = site.ref;
  const text = context.model.tree.text;
  if (site.error !== undefined && OVERRIDE_ERROR.test(site.error)) {
    // Overrides are parsed after expansion: `+t $EXTRA_ARGS` may well become `+t --K=v`.
    if (!isFromAs(site.command) && !site.error.includes('$')) {
      context.report('E-invalid-override', overrideErrorRange(site, site.error), site.error);
    }
  } else if (site.error !== undefined) {
    // `COPY lib+x.txt ./` copies a file whose name holds a `+`: Earthly tries the artifact form first.
    if (PATH_OR_ARTIFACT.has(site.role) && !isGroup(text.slice(site.range.start, site.range.end))) return;
    if (ref && !ref.dynamic && reportWrongKind(context, site, ref, here)) return;
    context.report('E-invalid-reference', site.range, site.error);
    return;
  }
  if (!ref || ref.dynamic) return;
  const file = targetFile(context, site, ref, here);
  if (!file) return;
  const name = ref.name.text;
  const byName = ref.nameKind === 'function' ? file.model.functionsByName : file.model.targetsByName;
  if (byName.has(name) || (ref.nameKind === 'target' && name === RESERVED_TARGET_NAME)) return;
  const code = ref.nameKind === 'function' ? 'E-undefined-function' : 'E-undefined-target';
  const elsewhere = file.path !== context.path && site.earthfileRange;
  const where = elsewhere ? ` in ${text.slice(elsewhere.start, elsewhere.end)}` : '';
  const fixes: Fix[] = [];
  const suggestion = closest(name, byName.keys());
  if (suggestion && site.nameRange) {
    fixes.push({ title: `Change to ${suggestion}`, edits: [{ range: span(site.nameRange), newText: suggestion }], preferred: true });
  }
  fixes.push(createRecipeFix(file, ref.nameKind, name, context.path));
  context.report(code, span(site.nameRange ?? site.range), `${ref.nameKind} ${name} not found${where}`, { fixes });
}

/**
 * A reference written as a variable, checked as the default of its ARG (see expandedReferences.ts):
 * the whole word is reported, since the name is not written there.
 */
function checkExpanded(context: CheckContext, site: ReferenceSite, here: RecipeFile, defaults: ReturnType<typeof literalArgDefaults>): void {
  const expanded = expandedReference(context.model, defaults, site);
  if (!expanded) return;
  const { ref, error } = expanded.parsed;
  const by = ` (${expanded.variable} is ${expanded.value} by default)`;
  if (error !== undefined) {
    if (!OVERRIDE_ERROR.test(error)) context.report('E-invalid-reference', site.range, error + by);
    return;
  }
  if (!ref || (ref.earthfile.kind !== 'same' && ref.earthfile.kind !== 'path')) return;
  const file = targetFile(context, site, ref, here, false);
  const name = ref.name.text;
  const byName = ref.nameKind === 'function' ? file?.model.functionsByName : file?.model.targetsByName;
  if (!byName || byName.has(name) || (ref.nameKind === 'target' && name === RESERVED_TARGET_NAME)) return;
  context.report(ref.nameKind === 'function' ? 'E-undefined-function' : 'E-undefined-target', site.range, `${ref.nameKind} ${name} not found${by}`);
}

/** `FROM +t AS x` is the command checks' "AS not supported", not an override problem. */
function isFromAs(command: CommandNode): boolean {
  return command.keyword.text === 'FROM' && command.args.length === 3 && command.args[1].text === 'AS';
}

/**
 * The word named by "invalid argument X" / "no value provided for --K" among the words after the
 * reference; inside a `( … )` group, the group.
 */
function overrideErrorRange(site: ReferenceSite, message: string): Range {
  const word = message.replace(OVERRIDE_ERROR, '');
  return site.command.args.find((a) => a.range.start >= site.range.end && a.text === word)?.range ?? site.range;
}

/** BUILD +FUNC or DO +target: the name exists, as the other kind. */
function reportWrongKind(context: CheckContext, site: ReferenceSite, ref: Reference, here: RecipeFile): boolean {
  const file = targetFile(context, site, ref, here, false);
  if (!file) return false;
  const name = ref.name.text;
  const range = span(site.nameRange ?? site.range);
  if (ref.nameKind === 'target' && file.model.functionsByName.has(name)) {
    context.report('E-wrong-reference-kind', range, `${name} is a function: ${site.command.keyword.text} needs a target (call a function with DO)`);
    return true;
  }
  if (ref.nameKind === 'function' && file.model.targetsByName.has(name)) {
    context.report('E-wrong-reference-kind', range, `${name} is a target: DO needs a function (build a target with BUILD or FROM)`);
    return true;
  }
  return false;
}

/**
 * The Earthfile a reference points into, when it can be read: this file, or a local one through a
 * path or an IMPORT. Reports a missing Earthfile and an unknown alias on the way (when `report`).
 */
function targetFile(context: CheckContext, site: ReferenceSite, ref: Reference, here: RecipeFile, report = true): RecipeFile | undefined {
  const { workspace, path } = context;
  const earthfile = ref.earthfile.kind === 'import' ? site.import?.earthfile : ref.earthfile;
  if (ref.earthfile.kind === 'import' && !site.import) {
    if (report) reportUnknownAlias(context, site, ref.earthfile.alias.text);
    return undefined;
  }
  if (!earthfile || earthfile.kind === 'remote') return undefined;
  if (earthfile.kind === 'same') return here;
  if (earthfile.kind !== 'path' || GLOB.test(earthfile.path.text) || !workspace || path === undefined) return undefined;
  const dir = workspace.directoryOf(path, earthfile);
  if (dir === undefined) return undefined;
  const earthfilePath = workspace.earthfileIn(dir);
  const file = earthfilePath === undefined ? undefined : workspace.fileAt(earthfilePath);
  if (!file && report) {
    const written = context.model.tree.text.slice(site.range.start, site.range.end).replace(/^\(|^"\(/, '').split(/\s/)[0];
    context.report('E-missing-earthfile', span(site.earthfileRange ?? site.range), `No Earthfile nor build.earth file found for target ${written}`);
  }
  return file;
}

function reportUnknownAlias(context: CheckContext, site: ReferenceSite, alias: string): void {
  const { model } = context;
  // An IMPORT with this alias that Earthly refuses is reported on the IMPORT itself.
  if (model.imports.some((i) => i.alias === alias && i.error !== undefined)) return;
  const before = (i: Import) => i.visible.start <= site.range.start;
  const inForce = model.imports.filter((i) =>
    i.global ? site.recipe.kind !== 'base' || before(i) : i.recipe === site.recipe && before(i),
  );
  const suggestion = closest(alias, inForce.flatMap((i) => (i.error === undefined && i.alias ? [i.alias] : [])));
  const range = span(site.earthfileRange ?? site.range);
  context.report('E-undefined-import', range, `import reference ${alias} could not be resolved`, {
    fixes: suggestion ? [{ title: `Change to ${suggestion}`, edits: [{ range, newText: suggestion }], preferred: true }] : [],
  });
}

function checkImports({ model, report }: CheckContext): void {
  // The first IMPORT of each alias, per scope: the file (global IMPORTs) or a recipe.
  const seen = new Map<Recipe | undefined, Map<string, Import>>();
  for (const imp of model.imports) {
    const args = imp.command.args;
    const wellFormed = args.length === 1 || (args.length === 3 && args[1].text === 'AS');
    if (imp.error !== undefined) {
      // A wrong number of words is the command checks' concern.
      if (wellFormed) report('E-invalid-import', imp.error.startsWith('invalid IMPORT AS') ? imp.aliasRange : imp.path.range, imp.error);
      continue;
    }
    if (imp.alias === undefined) continue;
    const scope = imp.global ? undefined : imp.recipe;
    let aliases = seen.get(scope);
    if (!aliases) seen.set(scope, (aliases = new Map()));
    const first = aliases.get(imp.alias);
    if (first) {
      report('E-duplicate-import', imp.aliasRange, `import ref ${imp.alias} already exists in this scope`, {
        related: { range: first.aliasRange, message: `${imp.alias} is first imported here` },
      });
    } else {
      aliases.set(imp.alias, imp);
    }
  }
}

/** INT `handleCopy`: sources are all artifacts or all build-context paths. */
function checkCopySources({ model, report }: CheckContext): void {
  const sites = model.references;
  // The sites of one command are consecutive in the model: each run of them is one command.
  let j = 0;
  for (let i = 0; i < sites.length; i = j) {
    const command = sites[i].command;
    j = i + 1;
    while (j < sites.length && sites[j].command === command) j++;
    // With fewer than two sources (the last word is the destination) there is nothing to mix.
    if (sites[i].role !== 'COPY' || command.args.length < 3) continue;
    const sources = command.args.length - 1;
    const isArtifact = (arg: ArgNode): boolean => {
      for (let k = i; k < j; k++) {
        const s = sites[k];
        if (s.error === undefined && s.range.start <= arg.range.start && arg.range.end <= s.range.end) return true;
      }
      return false;
    };
    // A `$` can turn a source into either kind at build time.
    if (command.args.some((a, k) => k < sources && a.text.includes('$'))) continue;
    const kind = isArtifact(command.args[0]);
    for (let k = 1; k < sources; k++) {
      if (isArtifact(command.args[k]) === kind) continue;
      report('E-copy-mixed-sources', command.args[k].range, 'combining artifacts and build context arguments in a single COPY command is not allowed');
      break;
    }
  }
}
