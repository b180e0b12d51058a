// BUILD/FROM cycles (reference §9: "infinite cycle detected"), across the local Earthfiles of the
// workspace. The graph's nodes are (Earthfile, target); the edges are the references that build a
// target (BUILD, FROM, COPY of an artifact, WITH DOCKER --load), plus the implicit `FROM +base` every
// target starts with (INT `handleTarget`). Strongly connected components (Tarjan) find the cycles in
// time linear in the part of the graph reachable from the checked file.
import * as nodePath from 'node:path';
import { RESERVED_TARGET_NAME } from '../../language/names';
import type { FileModel, ReferenceSite } from '../model';
import type { CheckContext } from './check';

/** Beyond this many targets the search stops: a bound on the work done per keystroke. */
const MAX_NODES = 20_000;

const BUILDING_ROLES: ReadonlySet<ReferenceSite['role']> = new Set(['BUILD', 'FROM', 'COPY', 'WITH DOCKER --load', 'FROM DOCKERFILE']);

/** A target of one Earthfile, with the bookkeeping of Tarjan's algorithm on it (nodes live for one check). */
interface Node {
  readonly path: string;
  readonly name: string;
  /** Order of discovery; -1 until the search reaches the node. */
  index: number;
  low: number;
  onStack: boolean;
  edges: readonly Edge[];
  /** The next edge to follow while the node is on the search path. */
  nextEdge: number;
}

interface Edge {
  readonly to: Node;
  /** Absent for the implicit `FROM +base`. */
  readonly site?: ReferenceSite;
}

const NO_EDGES: readonly Edge[] = [];

/**
 * The references of each recipe that always build their target when the recipe runs. References inside
 * IF, FOR, TRY or WITH may not run (a recursive BUILD under an IF can terminate), and overrides computed
 * with `$` can change on every round, so only the other references count.
 */
function buildingSites(model: FileModel): Map<string, ReferenceSite[]> {
  const byRecipe = new Map<string, ReferenceSite[]>();
  for (const site of model.references) {
    const ref = site.ref;
    if (!ref || ref.dynamic || site.error !== undefined || ref.nameKind !== 'target') continue;
    if (site.conditional || !BUILDING_ROLES.has(site.role) || hasComputedOverride(site)) continue;
    const list = byRecipe.get(site.recipe.name);
    if (list) list.push(site);
    else byRecipe.set(site.recipe.name, [site]);
  }
  return byRecipe;
}

function hasComputedOverride(site: ReferenceSite): boolean {
  for (const o of site.overrides) if (o.value?.includes('$')) return true;
  return false;
}

export function checkCycles(context: CheckContext): void {
  const { model, workspace } = context;
  const here = context.path ?? '';
  // Nodes by path, then by target name: no key string is built per edge.
  const nodes = new Map<string, Map<string, Node>>();
  const nodeOf = (path: string, name: string): Node => {
    let byName = nodes.get(path);
    if (!byName) nodes.set(path, (byName = new Map()));
    let node = byName.get(name);
    if (!node) byName.set(name, (node = { path, name, index: -1, low: -1, onStack: false, edges: NO_EDGES, nextEdge: 0 }));
    return node;
  };
  const modelAt = (path: string): FileModel | undefined =>
    path === here ? model : workspace?.fileAt(path)?.model;
  // Per check, not in a module-level WeakMap: V8's young-generation collections keep the values of a
  // WeakMap alive, and with them every model checked, until the next full collection.
  const sitesByModel = new Map<FileModel, Map<string, ReferenceSite[]>>();
  const sitesOf = (m: FileModel): Map<string, ReferenceSite[]> => {
    let sites = sitesByModel.get(m);
    if (!sites) sitesByModel.set(m, (sites = buildingSites(m)));
    return sites;
  };

  const edgesOf = (node: Node): Edge[] => {
    const m = modelAt(node.path);
    if (!m) return [];
    const edges: Edge[] = [];
    if (node.name !== RESERVED_TARGET_NAME) edges.push({ to: nodeOf(node.path, RESERVED_TARGET_NAME) });
    const sites = sitesOf(m).get(node.name);
    if (!sites) return edges;
    for (const site of sites) {
      const to = resolve(node.path, site);
      if (to) edges.push({ to, site });
    }
    return edges;
  };

  const resolve = (from: string, site: ReferenceSite): Node | undefined => {
    const ref = site.ref!;
    const name = ref.name.text;
    if (ref.earthfile.kind === 'same') {
      const m = modelAt(from);
      const exists = name === RESERVED_TARGET_NAME || m?.targetsByName.has(name);
      return exists ? nodeOf(from, name) : undefined;
    }
    if (!workspace || from === '') return undefined;
    const resolved = workspace.resolveReference(from, site);
    if (!resolved) return undefined;
    return resolved.definition || name === RESERVED_TARGET_NAME ? nodeOf(resolved.file.path, name) : undefined;
  };

  const roots = [nodeOf(here, RESERVED_TARGET_NAME)];
  for (const t of model.targets) roots.push(nodeOf(here, t.name));
  for (const component of stronglyConnected(roots, edgesOf)) reportCycle(context, here, component);
}

/** Tarjan's algorithm, iterative; yields the components that hold a cycle. */
function* stronglyConnected(roots: readonly Node[], edgesOf: (n: Node) => Edge[]): Generator<Map<Node, Edge[]>> {
  let visited = 0;
  const stack: Node[] = [];
  // The search path, deepest last.
  const trail: Node[] = [];
  const enter = (node: Node) => {
    node.index = node.low = visited++;
    node.edges = visited <= MAX_NODES ? edgesOf(node) : NO_EDGES;
    node.onStack = true;
    stack.push(node);
    trail.push(node);
  };
  for (const root of roots) {
    if (root.index >= 0) continue;
    enter(root);
    while (trail.length > 0) {
      const node = trail[trail.length - 1];
      if (node.nextEdge < node.edges.length) {
        const to = node.edges[node.nextEdge++].to;
        if (to.index < 0) enter(to);
        else if (to.onStack) node.low = Math.min(node.low, to.index);
        continue;
      }
      trail.pop();
      const parent = trail[trail.length - 1];
      if (parent) parent.low = Math.min(parent.low, node.low);
      if (node.low !== node.index) continue;
      // Most components are one node without a loop: they are popped without building anything.
      if (stack[stack.length - 1] === node && !hasSelfEdge(node)) {
        stack.pop();
        node.onStack = false;
        continue;
      }
      const component = new Map<Node, Edge[]>();
      let member: Node;
      do {
        member = stack.pop()!;
        member.onStack = false;
        component.set(member, []);
      } while (member !== node);
      for (const [from, list] of component) list.push(...from.edges.filter((e) => component.has(e.to)));
      yield component;
    }
  }
}

function hasSelfEdge(node: Node): boolean {
  for (const e of node.edges) if (e.to === node) return true;
  return false;
}

/**
 * One finding per cycle and file: on the cycle's last reference written in the checked file, which
 * is the one that closes the cycle when the file is read from the top.
 */
function reportCycle(context: CheckContext, here: string, component: Map<Node, Edge[]>): void {
  let closing: { from: Node; edge: Edge } | undefined;
  for (const [from, edges] of component) {
    if (from.path !== here) continue;
    for (const edge of edges) {
      if (edge.site && (!closing || edge.site.range.start > closing.edge.site!.range.start)) closing = { from, edge };
    }
  }
  if (!closing) return;
  const path = [closing.from, ...pathBack(closing.edge.to, closing.from, component)];
  const names = path.map((n) => display(here, n));
  const implicit = path.some((n, i) => i + 1 < path.length && n.name !== RESERVED_TARGET_NAME && path[i + 1].name === RESERVED_TARGET_NAME);
  const note = implicit ? ' (every target starts from +base, the base recipe)' : '';
  context.report('E-reference-cycle', closing.edge.site!.range, `infinite cycle detected: ${names.join(' → ')}${note}`);
}

/** The shortest path from `start` to `goal` inside the component (breadth first), both included. */
function pathBack(start: Node, goal: Node, component: Map<Node, Edge[]>): Node[] {
  const previous = new Map<Node, Node | null>([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length && !previous.has(goal); i++) {
    for (const edge of component.get(queue[i]) ?? []) {
      if (!previous.has(edge.to)) {
        previous.set(edge.to, queue[i]);
        queue.push(edge.to);
      }
    }
  }
  const path: Node[] = [];
  for (let n: Node | null | undefined = goal; n; n = previous.get(n)) path.unshift(n);
  return path;
}

function display(here: string, node: Node): string {
  if (node.path === here) return `+${node.name}`;
  const relative = nodePath.relative(nodePath.dirname(here), nodePath.dirname(node.path)).split(nodePath.sep).join('/');
  return `${relative.startsWith('.') ? relative : `./${relative}`}+${node.name}`;
}
