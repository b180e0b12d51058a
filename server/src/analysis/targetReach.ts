// What running a target does with registries: whether it pushes images and which registry hosts its
// images come from or go to, counting every local recipe the run reaches across Earthfiles
// (reference: shared earthfile-language.md §6 `--referenced-save-only`, §7 references).
//
// The recipes reached form a graph that may have cycles. Each recipe is a node twice, with and without
// "pushes count here": since `--referenced-save-only` (0.6) images are pushed only by targets reached
// through BUILD from the target being run, so a FROM or COPY written in such a file stops the pushes of
// what lies behind it, but not its pulls. The graph is explored lazily and condensed into strongly
// connected components (Tarjan), so each node is visited once per `RegistryReach`, cycles included.

import type { CommandNode } from '../parser';
import { defaultsIn, literalArgDefaults } from './argDefaults';
import { hasFlag } from './checks/command/site';
import { isReferenceWord } from './fileModel';
import { imageHost } from './imageHost';
import type { FileModel, Recipe, ReferenceRole, ReferenceSite, SourceFile } from './model';
import { forEachStatement } from './statements';
import type { WorkspaceIndex } from './workspaceIndex';

export interface RegistryUse {
  /** The run saves an image with `--push`. */
  readonly pushes: boolean;
  /** Registry hosts of the images it pulls or pushes, sorted. */
  readonly registries: readonly string[];
}

/**
 * Whether the pushes of the recipe a reference names still count under `--referenced-save-only`: BUILD
 * runs it as a target of the build and DO runs it inline; the others build it only for its image or
 * artifacts.
 */
const KEEPS_PUSHES: Readonly<Record<ReferenceRole, boolean>> = {
  DO: true,
  BUILD: true,
  FROM: false,
  COPY: false,
  'FROM DOCKERFILE': false,
  'FROM DOCKERFILE -f': false,
  'WITH DOCKER --load': false,
};

/** The image names a command pulls from or pushes to a registry. */
interface ImageUse {
  readonly names: readonly string[];
  readonly push: boolean;
}

type ImageUseOf = (command: CommandNode) => ImageUse | undefined;

/** What each command does with images; commands not listed do nothing (nor does a SAVE IMAGE without --push: it only tags). */
const IMAGE_USE: ReadonlyMap<string, ImageUseOf> = new Map<string, ImageUseOf>([
  ['FROM', (c) => (c.args.length > 0 && !isReferenceWord(c.args[0].text) ? { names: [c.args[0].text], push: false } : undefined)],
  ['SAVE IMAGE', (c) => (hasFlag(c, 'push') ? { names: c.args.map((a) => a.text), push: true } : undefined)],
  ['WITH DOCKER', (c) => ({ names: c.flags.flatMap((f) => (f.name === 'pull' && f.value !== undefined ? [f.value] : [])), push: false })],
]);

/** What one recipe does by itself. */
interface RecipeFacts {
  pushes: boolean;
  /** Hosts of the images it pulls. */
  readonly pulls: Set<string>;
  /** Hosts of the images it pushes: they count only where its pushes do. */
  readonly pushHosts: Set<string>;
  readonly sites: ReferenceSite[];
}

interface Node {
  readonly file: SourceFile;
  readonly recipe: Recipe;
  /** Pushes of this recipe count for the target being run. */
  readonly carries: boolean;
  /** Tarjan's visit order and low link; -1 until visited. */
  index: number;
  low: number;
  onStack: boolean;
  edges?: readonly Node[];
  /** Set once the node's component is complete: shared by every node of the component. */
  total?: { pushes: boolean; readonly hosts: Set<string> };
}

export type ReachWorkspace = Pick<WorkspaceIndex, 'resolveReference'>;

/** Answers for the targets of one request; what it learns about reached recipes is kept for the next target. */
export class RegistryReach {
  private readonly nodes = new Map<Recipe, [Node | undefined, Node | undefined]>();
  private readonly facts = new Map<FileModel, Map<Recipe, RecipeFacts>>();
  private visited = 0;

  constructor(private readonly workspace: ReachWorkspace) {}

  /** What a run of `target`, a target of `file`, does with registries. */
  of(file: SourceFile, target: Recipe): RegistryUse {
    const root = this.node(file, target, true);
    this.solve(root);
    const total = root.total!;
    return { pushes: total.pushes, registries: [...total.hosts].sort() };
  }

  private node(file: SourceFile, recipe: Recipe, carries: boolean): Node {
    let pair = this.nodes.get(recipe);
    if (!pair) this.nodes.set(recipe, (pair = [undefined, undefined]));
    const i = carries ? 1 : 0;
    return (pair[i] ??= { file, recipe, carries, index: -1, low: -1, onStack: false });
  }

  /** Tarjan's algorithm from `root`, iteratively (reference chains can be thousands of targets long). */
  private solve(root: Node): void {
    if (root.total) return;
    const stack: Node[] = [];
    const frames: { node: Node; next: number }[] = [];
    const enter = (node: Node) => {
      node.index = node.low = this.visited++;
      node.onStack = true;
      node.edges = this.edgesOf(node);
      stack.push(node);
      frames.push({ node, next: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const node = frame.node;
      const edges = node.edges!;
      if (frame.next < edges.length) {
        const next = edges[frame.next++];
        if (next.total) continue;
        if (next.index < 0) enter(next);
        else if (next.onStack) node.low = Math.min(node.low, next.index);
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].node;
        parent.low = Math.min(parent.low, node.low);
      }
      if (node.low === node.index) this.complete(stack.splice(stack.lastIndexOf(node)));
    }
  }

  /** Sums up a strongly connected component: its own facts and those of the components it reaches. */
  private complete(component: readonly Node[]): void {
    const total = { pushes: false, hosts: new Set<string>() };
    for (const node of component) {
      const facts = this.factsOf(node.file.model).get(node.recipe);
      if (facts) {
        for (const host of facts.pulls) total.hosts.add(host);
        if (node.carries) {
          total.pushes ||= facts.pushes;
          for (const host of facts.pushHosts) total.hosts.add(host);
        }
      }
      for (const next of node.edges!) {
        if (!next.total) continue;
        total.pushes ||= next.total.pushes;
        for (const host of next.total.hosts) total.hosts.add(host);
      }
    }
    for (const node of component) {
      node.onStack = false;
      node.total = total;
    }
  }

  private edgesOf(node: Node): Node[] {
    const { file, recipe, carries } = node;
    const savesOnlyReferenced = file.model.features.has('referenced-save-only');
    const passes = (role: ReferenceRole) => carries && (KEEPS_PUSHES[role] || !savesOnlyReferenced);
    const edges: Node[] = [];
    // Every target starts with an implicit `FROM +base` (earthly's interpreter, `handleTarget`).
    if (recipe.kind === 'target') edges.push(this.node(file, file.model.base, passes('FROM')));
    for (const site of this.factsOf(file.model).get(recipe)?.sites ?? []) {
      const reached = this.resolve(file, site);
      if (reached) edges.push(this.node(reached.file, reached.recipe, passes(site.role)));
    }
    return edges;
  }

  /** The local recipe a reference names; remote, dynamic and unresolved references reach nothing. */
  private resolve(file: SourceFile, site: ReferenceSite): { file: SourceFile; recipe: Recipe } | undefined {
    const ref = site.ref;
    if (!ref || ref.dynamic) return undefined;
    if (ref.earthfile.kind === 'same') {
      const recipe = (ref.nameKind === 'function' ? file.model.functionsByName : file.model.targetsByName).get(ref.name.text);
      return recipe && { file, recipe };
    }
    if (file.path === undefined) return undefined;
    const resolved = this.workspace.resolveReference(file.path, site);
    return resolved?.definition && { file: resolved.file, recipe: resolved.definition };
  }

  private factsOf(model: FileModel): Map<Recipe, RecipeFacts> {
    let byRecipe = this.facts.get(model);
    if (byRecipe) return byRecipe;
    byRecipe = new Map();
    const factsFor = (recipe: Recipe): RecipeFacts => {
      let facts = byRecipe!.get(recipe);
      if (!facts) byRecipe!.set(recipe, (facts = { pushes: false, pulls: new Set(), pushHosts: new Set(), sites: [] }));
      return facts;
    };
    const defaults = literalArgDefaults(model);
    const visit = (command: CommandNode, recipe: Recipe) => {
      const use = IMAGE_USE.get(command.keyword.text)?.(command);
      if (!use) return;
      const facts = factsFor(recipe);
      facts.pushes ||= use.push;
      const hosts = use.push ? facts.pushHosts : facts.pulls;
      const valueOf = defaultsIn(defaults, model, recipe);
      for (const name of use.names) {
        const host = imageHost(name, valueOf);
        if (host !== undefined) hosts.add(host);
      }
    };
    forEachStatement(model, (statement, recipe) => {
      if (statement.kind === 'command') visit(statement, recipe);
      else for (const clause of statement.clauses) visit(clause.command, recipe);
    });
    for (const site of model.references) factsFor(site.recipe).sites.push(site);
    this.facts.set(model, byRecipe);
    return byRecipe;
  }
}
