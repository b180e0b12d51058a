// What a target saves: the `SAVE ARTIFACT` lines of its recipe and where each puts its artifact, for
// completion after `+target/` and for going from `COPY +target/path` to the line that saves it.
import * as nodePath from 'node:path';
import type { CommandNode } from '../parser';
import type { Recipe } from './model';
import { forEachStatementOf } from './statements';

export interface SavedArtifact {
  readonly command: CommandNode;
  /** Relative to the artifact root (`out/app`); undefined when it holds a variable or a wildcard. */
  readonly path?: string;
}

/** The SAVE ARTIFACT lines of `recipe`, nested ones included, in source order. */
export function savedArtifacts(recipe: Recipe): SavedArtifact[] {
  const saved: SavedArtifact[] = [];
  forEachStatementOf(recipe, (statement) => {
    if (statement.kind === 'command' && statement.keyword.text === 'SAVE ARTIFACT') {
      saved.push({ command: statement, path: artifactPath(statement.args.map((a) => a.text)) });
    }
  });
  return saved;
}

/** Where `SAVE ARTIFACT <src> [<dest>] [AS LOCAL …]` puts the artifact, relative to the artifact root. */
function artifactPath(args: readonly string[]): string | undefined {
  const as = args.indexOf('AS');
  const words = as >= 0 ? args.slice(0, as) : args;
  const [src, dest] = words;
  if (src === undefined || src.includes('$')) return undefined;
  const name = nodePath.posix.basename(src);
  const path = dest === undefined ? name : dest.endsWith('/') ? dest + name : dest;
  const cleaned = path.replace(/^\.?\/+/, '');
  return cleaned === '' || /[*?]/.test(cleaned) ? undefined : cleaned;
}

/**
 * The lines that save what `+target/<artifact>` copies: the artifact itself, a folder it lies in, or a
 * file of the folder it names (`dist/*` reads as `dist`).
 */
export function artifactSavers(recipe: Recipe, artifact: string): SavedArtifact[] {
  const wanted = artifact.replace(/^\/+/, '').replace(/\/?[^/]*[*?[].*$/, '').replace(/\/+$/, '');
  return savedArtifacts(recipe).filter(
    ({ path }) => path !== undefined && (path === wanted || path.startsWith(wanted + '/') || wanted.startsWith(path + '/') || wanted === ''),
  );
}
