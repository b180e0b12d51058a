// The patterns of an `.earthlyignore` file (the `.dockerignore` syntax): one glob per line, `#`
// comments, `!` to re-include, `*` and `?` within one path segment, `**` across segments. A pattern
// that matches a directory excludes everything under it; the last matching pattern decides.

interface Rule {
  readonly pattern: RegExp;
  readonly include: boolean;
}

export type IgnoreMatcher = (relativePath: string) => boolean;

/** A matcher of build-context-relative paths (`/`-separated) that the file's patterns exclude. */
export function ignoreMatcher(fileText: string): IgnoreMatcher {
  const rules: Rule[] = [];
  for (const raw of fileText.split(/\r\n|\n|\r/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const include = line.startsWith('!');
    if (include) line = line.slice(1).trim();
    line = line.replace(/^\/+|\/+$/g, '').replace(/^\.\//, '');
    if (line !== '') rules.push({ pattern: globToRegExp(line), include });
  }
  return (path) => {
    let ignored = false;
    // A path is excluded when it or one of its parent directories matches.
    const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    for (const rule of rules) if (prefixes.some((p) => rule.pattern.test(p))) ignored = !rule.include;
    return ignored;
  };
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else {
      out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}
