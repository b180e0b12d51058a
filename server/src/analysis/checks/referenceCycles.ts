// BUILD/FROM cycles (reference §9: "infinite cycle detected"), across the local Earthfiles of the
// workspace. The graph's nodes are (Earthfile, target); the edges are the references that build a
// target (BUILD, FROM, COPY of an artifact, WITH DOCKER --load), plus the implicit `FROM +base` every
// target starts with (INT `handleTarget`). Strongly connected components (Tarjan) find the cycles in
// time linear in the part of the graph reachable from the checked file.
import * as nodePath from 'node:path';
import { RESERVED_TARGET_NAME } from '../../language/names';
import type { CommandNode } from '../../parser/syntax';
import type { FileModel, ReferenceSite } from '../model';
import { forEachStatement, type Enclosing } from '../statements';
import type { CheckContext } from './check';

/** Beyond this many targets the search stops: a bound on the work done per keystroke. */
const MAX_NODES = 20_000;

const BUILDING_ROLES: ReadonlySet<ReferenceSite['role']> = new Set(['BUILD', 'FROM', 'COPY', 'WITH DOCKER --load', 'FROM DOCKERFILE']);

interface Node {
  readonly path: string;
  readonly name: string;
}

interface Edge {
  readonly to: Node;
  /** Absent for the implicit `FROM +base`. */
  readonly site?: ReferenceSite;
}

/** Per model: the references of each recipe that always build their target when the recipe runs. */
const edgeCache = new WeakMap<FileModel, Map<string, ReferenceSite[]>>();

/**
 * References inside IF, FOR, TRY or WITH may not run (a recursive BUILD under an IF can terminate), and
 * overrides computed with `$` can change on every round, so only the other references count.
 */
function buildingSites(model: FileModel): Map<string, ReferenceSite[]> {
  const cached = edgeCache.get(model);
  if (cached) return cached;
  const conditional = new Set<CommandNode>();
  forEachStatement(model, (statement, _recipe, enclosing) => {
    if (!inBranch(enclosing)) return;
    if (statement.kind === 'command') conditional.add(statement);
    // The opener of a nested WITH DOCKER carries its --load references.
    else for (const clause of statement.clauses) conditional.add(clause.command);
  });
  const byRecipe = new Map<string, ReferenceSite[]>();
  for (const site of model.references) {
    const ref = site.ref;
    if (!ref || ref.dynamic || site.error !== undefined || ref.nameKind !== 'target') continue;
    if (!BUILDING_ROLES.has(site.role) || conditional.has(site.command)) continue;
    if (site.overrides.some((o) => o.value?.includes('$'))) continue;
    const list = byRecipe.get(site.recipe.name);
    if (list) list.push(site);
    else byRecipe.set(site.recipe.name, [site]);
  }
  edgeCache.set(model, byRecipe);
  return byRecipe;
}

/** Whether a block other than WAIT encloses the statement. */
function inBranch(enclosing: Enclosing | undefined): boolean {
  for (let e = enclosing; e; e = e.outer) if (e.block.kind !== 'wait') return true;
  return false;
}

export function checkCycles(context: CheckContext): void {
  const { model, workspace } = context;
  const here = context.path ?? '';
  const nodes = new Map<string, Node>();
  const nodeOf = (path: string, name: string): Node => {
    const key = `${path}\u0000${name}`;
    let node = nodes.get(key);
    if (!node) nodes.set(key, (node = { path, name }));
    return node;
  };
  const modelAt = (path: string): FileModel | undefined =>
    path === here ? model : workspace?.fileAt(path)?.model;

  const edgesOf = (node: Node): Edge[] => {
    const m = modelAt(node.path);
    if (!m) return [];
    const edges: Edge[] = [];
    if (node.name !== RESERVED_TARGET_NAME) edges.push({ to: nodeOf(node.path, RESERVED_TARGET_NAME) });
    for (const site of buildingSites(m).get(node.name) ?? []) {
      const to = resolve(node.path, site);
      if (to) edges.push({ to: nodeOf(to.path, to.name), site });
    }
    return edges;
  };

  const resolve = (from: string, site: ReferenceSite): { path: string; name: string } | undefined => {
    const ref = site.ref!;
    if (ref.earthfile.kind === 'same') {
      const m = modelAt(from);
      const exists = ref.name.text === RESERVED_TARGET_NAME || m?.targetsByName.has(ref.name.text);
      return exists ? { path: from, name: ref.name.text } : undefined;
    }
    if (!workspace || from === '') return undefined;
    const resolved = workspace.resolveReference(from, site);
    if (!resolved) return undefined;
    const name = ref.name.text;
    return resolved.definition || name === RESERVED_TARGET_NAME ? { path: resolved.file.path, name } : undefined;
  };

  const roots = [RESERVED_TARGET_NAME, ...model.targets.map((t) => t.name)].map((name) => nodeOf(here, name));
  for (const component of stronglyConnected(roots, edgesOf)) reportCycle(context, here, component);
}

/** Tarjan's algorithm, iterative; yields the components that hold a cycle. */
function* stronglyConnected(roots: readonly Node[], edgesOf: (n: Node) => Edge[]): Generator<Map<Node, Edge[]>> {
  const index = new Map<Node, number>();
  const low = new Map<Node, number>();
  const edges = new Map<Node, Edge[]>();
  const onStack = new Set<Node>();
  const stack: Node[] = [];
  for (const root of roots) {
    if (index.has(root)) continue;
    const work: { node: Node; next: number }[] = [];
    const enter = (node: Node) => {
      index.set(node, index.size);
      low.set(node, index.get(node)!);
      edges.set(node, index.size <= MAX_NODES ? edgesOf(node) : []);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const out = edges.get(frame.node)!;
      if (frame.next < out.length) {
        const to = out[frame.next++].to;
        if (!index.has(to)) enter(to);
        else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component = new Map<Node, Edge[]>();
      let member: Node;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.set(member, []);
      } while (member !== frame.node);
      for (const [node, list] of component) list.push(...edges.get(node)!.filter((e) => component.has(e.to)));
      if (component.size > 1 || component.get(frame.node)!.length > 0) yield component;
    }
  }
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
