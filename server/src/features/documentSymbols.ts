// The outline and breadcrumbs of an Earthfile: the base recipe, targets and functions, each with the
// ARGs it declares, the images it saves and the Earthfiles it IMPORTs.
import { SymbolKind, type DocumentSymbol, type Range as LspRange } from 'vscode-languageserver-types';
import type { FileModel, Import, Recipe, RecipeKind, Variable } from '../analysis/model';
import { argDefault } from '../analysis/recipeArgs';
import { forEachStatementOf } from '../analysis/statements';
import { builtinArg } from '../language/builtinArgs';
import type { CommandNode, Range } from '../parser';
import type { LineIndex } from '../text/lineIndex';

/**
 * The symbol kind of each recipe: a target is what a build runs, like a function; an Earthly function
 * is only ever called with DO from inside a target, so it is listed as a method of the build.
 */
export const RECIPE_SYMBOL_KIND: Readonly<Record<RecipeKind, SymbolKind>> = {
  base: SymbolKind.Namespace,
  target: SymbolKind.Function,
  function: SymbolKind.Method,
};

/** What a command line declares, looked up as the recipes are walked. */
interface Declarations {
  readonly args: ReadonlyMap<CommandNode, Variable>;
  readonly imports: ReadonlyMap<CommandNode, Import>;
}

export function documentSymbols(model: FileModel, lines: LineIndex): DocumentSymbol[] {
  const toRange = (r: Range): LspRange => ({ start: lines.positionAt(r.start), end: lines.positionAt(r.end) });
  const declarations: Declarations = {
    args: new Map(model.variables.filter((v) => v.kind === 'ARG').map((v) => [v.command, v])),
    imports: new Map(model.imports.map((i) => [i.command, i])),
  };
  const symbols: DocumentSymbol[] = [];
  const base = model.base.statements;
  if (base.length > 0) {
    const first = base[0];
    const range = { start: first.range.start, end: base[base.length - 1].range.end };
    const selection = first.kind === 'command' ? first.keyword.range : first.clauses[0].command.keyword.range;
    symbols.push({ name: 'base', detail: 'base recipe', kind: RECIPE_SYMBOL_KIND.base, range: toRange(range), selectionRange: toRange(selection), children: childrenOf(model.base, declarations, toRange) });
  }
  for (const recipe of model.recipes) {
    const node = recipe.node!;
    // The doc comment above the header belongs to the target: the breadcrumbs name it there too.
    const range = { start: node.docs?.range.start ?? node.range.start, end: node.range.end };
    symbols.push({
      name: recipe.name,
      detail: recipe.docs?.split('\n', 1)[0] ?? '',
      kind: RECIPE_SYMBOL_KIND[recipe.kind],
      range: toRange(range),
      selectionRange: toRange(node.nameRange),
      children: childrenOf(recipe, declarations, toRange),
    });
  }
  return symbols;
}

/** The ARGs, SAVE IMAGE names and IMPORTs of a recipe, blocks included, in source order. */
function childrenOf(recipe: Recipe, declarations: Declarations, toRange: (r: Range) => LspRange): DocumentSymbol[] {
  const children: DocumentSymbol[] = [];
  const symbol = (name: string, detail: string, kind: SymbolKind, command: CommandNode, selection: Range) =>
    children.push({ name, detail, kind, range: toRange(command.range), selectionRange: toRange(selection) });
  forEachStatementOf(recipe, (statement) => {
    if (statement.kind !== 'command') return;
    const arg = declarations.args.get(statement);
    if (arg) {
      const value = argDefault(arg);
      const detail = [arg.global && 'global', arg.required && 'required', value !== undefined && `= ${value}`].filter(Boolean).join(' ');
      symbol(arg.name, detail, builtinArg(arg.name) ? SymbolKind.Constant : SymbolKind.Variable, statement, arg.nameRange);
      return;
    }
    const imp = declarations.imports.get(statement);
    if (imp) {
      symbol(imp.alias ?? imp.path.text, imp.path.text, SymbolKind.Module, statement, imp.aliasRange);
      return;
    }
    if (statement.keyword.text === 'SAVE IMAGE') {
      const pushed = statement.flags.some((f) => f.name === 'push');
      for (const image of statement.args) symbol(image.text, pushed ? 'SAVE IMAGE --push' : 'SAVE IMAGE', SymbolKind.Package, statement, image.range);
    }
  });
  return children;
}
