// The target graph, as the LSP call hierarchy: for a target or function, the recipes that BUILD, FROM,
// COPY from, DO or `--load` it, across the workspace (incoming), and those it uses itself (outgoing). A
// reference counts where it is written; remote, dynamic and unresolved references lead to no recipe.

import type { Recipe, ReferenceRole, ReferenceSite, SourceFile } from '../analysis/model';
import type { Range } from '../parser';
import type { NameAt } from './nameAt';
import { callSites, type UseScope } from './nameUses';

/** A recipe of an Earthfile: an item of the graph. */
export interface GraphNode {
  readonly file: SourceFile;
  readonly recipe: Recipe;
}

/** Another recipe of the graph, and the references between the two (ranges in the caller's file). */
export interface GraphEdge {
  readonly node: GraphNode;
  readonly ranges: readonly Range[];
  /** The commands the references are written in (`BUILD`, `COPY`, …), each once. */
  readonly roles: readonly ReferenceRole[];
}

/** The target or function at the cursor: its header, or a reference (or an artifact of it). */
export function graphNodeAt(at: NameAt | undefined): GraphNode | undefined {
  const named = at?.named;
  return named && (named.kind === 'recipe' || named.kind === 'artifact') ? { file: named.file, recipe: named.recipe } : undefined;
}

/** The recipes whose references name `node`, each with those references. */
export function incomingEdges(node: GraphNode, scope: UseScope): GraphEdge[] {
  const edges = new EdgeList();
  for (const { file, site } of callSites(node.file, node.recipe, scope)) edges.add({ file, recipe: site.recipe }, site);
  return edges.list();
}

/** The recipes that the references of `node` name, each with those references. */
export function outgoingEdges(node: GraphNode, scope: UseScope): GraphEdge[] {
  const edges = new EdgeList();
  for (const site of node.file.model.references) {
    if (site.recipe !== node.recipe) continue;
    const callee = scope.resolve({ ...node.file, recipe: node.recipe }, site);
    if (callee) edges.add({ file: { model: callee.model, path: callee.path }, recipe: callee.recipe }, site);
  }
  return edges.list();
}

/** Edges grouped by the recipe at their other end, in the order first met. */
class EdgeList {
  private readonly byRecipe = new Map<Recipe, { node: GraphNode; ranges: Range[]; roles: ReferenceRole[] }>();

  add(node: GraphNode, site: ReferenceSite): void {
    let edge = this.byRecipe.get(node.recipe);
    if (!edge) this.byRecipe.set(node.recipe, (edge = { node, ranges: [], roles: [] }));
    edge.ranges.push({ start: site.range.start, end: site.range.end });
    if (!edge.roles.includes(site.role)) edge.roles.push(site.role);
  }

  list(): GraphEdge[] {
    return [...this.byRecipe.values()];
  }
}
