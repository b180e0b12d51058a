// Glob target references (`BUILD ./svc/*+build`, `COPY ./svc/*+build/out ./`): several Earthfiles
// named by one `*` pattern in the path before the `+` (reference §4.1 BUILD and COPY, §7 "Globs").
import type { ArgNode } from '../../../parser';
import type { RuleSpec } from '../check';
import type { CommandSite } from './site';

export const GLOB_RULES: Readonly<Record<string, RuleSpec>> = {
  'E-unsupported-glob': { severity: 'error', summary: 'A `**` in a glob target reference (BUILD, COPY): Earthly matches `*` only there.' },
};

/**
 * The word that names several Earthfiles with a glob: BUILD's reference, or a COPY source whose
 * Earthfile part has a `*`. Words with `$` are expanded first, so they are left alone.
 */
export function globReference(site: CommandSite): ArgNode | undefined {
  const { args } = site.command;
  // BUILD's reference is its first word; COPY's sources are all words but the last.
  const sources = site.command.keyword.text === 'BUILD' ? Math.min(1, args.length) : args.length - 1;
  for (let i = 0; i < sources; i++) {
    const word = args[i];
    const plus = word.text.indexOf('+');
    const star = word.text.indexOf('*');
    if (plus > 0 && star >= 0 && star < plus && !word.text.includes('$')) return word;
  }
  return undefined;
}

/** `**` in the glob of a BUILD or COPY reference: Earthly's glob of Earthfiles knows only `*`. */
export function checkGlobs(site: CommandSite): void {
  if (!site.spec.wildcardFeature) return;
  const glob = globReference(site);
  if (!glob) return;
  const stars = glob.text.indexOf('**');
  if (stars < 0 || stars > glob.text.indexOf('+')) return;
  const exact = glob.range.end - glob.range.start === glob.text.length;
  const range = exact ? { start: glob.range.start + stars, end: glob.range.start + stars + 2 } : glob.range;
  const fixes = exact ? [{ title: 'Replace ** with *', edits: [{ range, newText: '*' }] }] : [];
  site.context.report('E-unsupported-glob', range, `pattern ** not yet supported in a glob target reference: ${site.spec.name} matches Earthfiles with *, one directory level per *.`, { fixes });
}
