// References written as a variable (`BUILD $target`, `--load $TAG=$IMAGE`): Earthly expands them at
// build time (reference §8). When the ARG in force has a literal default that is itself a reference,
// that reference is what a run builds unless the caller says otherwise, so it is checked; any other
// word with a variable (`+$NAME`, `./$DIR+build`, an ARG without default) is left alone.
import { hasUnescapedPlus, parseReferenceWord, type ReferenceWithOverrides } from '../../parser';
import { removeContinuations } from '../../text/continuations';
import { defaultsIn } from '../argDefaults';
import type { FileModel, Recipe, ReferenceRole, ReferenceSite } from '../model';
import { unquote } from '../shellQuotes';

/** The name kind each kind of site expects (a `--load` value is read after its `<image>=`). */
const EXPECT: Readonly<Record<ReferenceRole, 'target' | 'function' | 'artifact'>> = {
  FROM: 'target',
  BUILD: 'target',
  DO: 'function',
  COPY: 'artifact',
  'FROM DOCKERFILE': 'artifact',
  'FROM DOCKERFILE -f': 'artifact',
  'WITH DOCKER --load': 'target',
};

/** `$NAME` or `${NAME}`, the whole of a word. */
const ONE_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

export interface ExpandedReference {
  /** The variable as written, and the default it stands for. */
  readonly variable: string;
  readonly value: string;
  /** The default, read as the site reads a reference; its offsets are in `value`. */
  readonly parsed: ReferenceWithOverrides;
}

/**
 * The reference a site written as one variable names by default, when the ARG in force has a literal
 * default with a `+` (a single reference: no variable, no space for overrides).
 */
export function expandedReference(
  model: FileModel,
  defaults: ReadonlyMap<Recipe, ReadonlyMap<string, string>>,
  site: ReferenceSite,
): ExpandedReference | undefined {
  let word = unquote(removeContinuations(model.tree.text.slice(site.range.start, site.range.end)));
  if (site.role === 'WITH DOCKER --load') word = word.slice(word.indexOf('=') + 1);
  const match = ONE_VARIABLE.exec(word);
  if (!match) return undefined;
  const value = defaultsIn(defaults, model, site.recipe)(match[1] ?? match[2]);
  if (value === undefined || value.includes('$') || /\s/.test(value) || !hasUnescapedPlus(value)) return undefined;
  return { variable: word, value, parsed: parseReferenceWord(value, EXPECT[site.role]) };
}

/** Whether a site's word holds a variable, so that Earthly reads it only once expanded. */
export function holdsVariable(model: FileModel, site: ReferenceSite): boolean {
  const text = model.tree.text;
  for (let i = site.range.start; i < site.range.end; i++) if (text.charCodeAt(i) === 0x24 /* $ */) return true;
  return false;
}
