// Line continuations in canonical form: the `\` ends its line (a comment after it kept, one space
// apart), the comment lines a continuation skips are indented one unit deeper than their command,
// and the blank lines it skips are dropped. Earthly removes all of this from the arguments (reference
// §2, line continuation), so only where words end and begin must stay as written.
import { isNewline, lineEnd, newlineEnd, skipBlanks } from '../../text/characters';
import { trimBlanksEnd, type Style } from './style';

/**
 * `s`, which starts at a `\` and holds only continuations and the blank and comment lines they skip
 * (the blanks that start the next content line included), in canonical form. The result ends with
 * a line ending, unless the last continuation runs to the end of the file; the caller writes the
 * next line's indentation. Undefined when `s` holds anything else.
 */
export function continuationText(s: string, style: Style, indent: string): string | undefined {
  const n = s.length;
  let out = '';
  let p = 0;
  for (let count = 0; p < n; count++) {
    if (s.charCodeAt(p) !== 92 /* \ */) return undefined;
    // A second continuation stands on a line of its own.
    if (count > 0) out += indent;
    let q = skipBlanks(s, p + 1);
    if (s.charCodeAt(q) === 35 /* # */) {
      const e = lineEnd(s, q);
      out += `\\ ${trimBlanksEnd(s.slice(q, e))}`;
      q = e;
    } else {
      out += '\\';
    }
    if (q >= n) return out;
    if (!isNewline(s.charCodeAt(q))) return undefined;
    q = newlineEnd(s, q);
    out += style.nl;
    // The blank and comment-only lines the continuation skips.
    for (;;) {
      const r = skipBlanks(s, q);
      if (r >= n) {
        q = r;
        break;
      }
      const c = s.charCodeAt(r);
      if (isNewline(c)) {
        q = newlineEnd(s, r);
      } else if (c === 35 /* # */) {
        const e = lineEnd(s, r);
        out += indent + trimBlanksEnd(s.slice(r, e)) + style.nl;
        q = newlineEnd(s, e);
      } else {
        q = r;
        break;
      }
    }
    p = q;
  }
  return out;
}
