// Quoted strings and `$( )` shell-outs, scanned for the parser (reference §2).
//
// The rules follow the fragments of earthly `ast/parser/EarthLexer.g4`:
//   DoubleQuotedAtomPart  '"' ( ShellAtomPart | ~["\] | '\' . )* '"'        (may span lines)
//   SingleQuotedAtomPart  "'" ( ~['\] | '\' . )* "'"                       (may span lines)
//   ShellAtomPart         '$(' ( ~[ \t\r\n\"')] | '\' . | DQ | SQ | ShellAtomPart | WS )+ ')'
// Each of these parts either matches from a given offset or not, independent of what surrounds it,
// so results are memoised by start offset. Nesting is handled with an explicit stack, never with
// recursion, and a work budget keeps pathological input linear (past the budget, an opening quote or
// `$(` is simply taken as a plain character).

import {
  CH_BACKSLASH,
  CH_CR,
  CH_DOLLAR,
  CH_DQUOTE,
  CH_EQUALS,
  CH_LF,
  CH_LPAREN,
  CH_RPAREN,
  CH_SPACE,
  CH_SQUOTE,
  CH_TAB,
} from '../text/characters';
import { continuationEnd, isContinuation } from '../text/continuations';

/**
 * ASCII characters that end a word or change how it is read (blanks, newlines, `=`, `\\`, quotes, `$`):
 * a word scanner can pass every other character with one table look-up.
 */
export const WORD_SPECIAL: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (const c of [CH_SPACE, CH_TAB, CH_LF, CH_CR, CH_EQUALS, CH_BACKSLASH, CH_DQUOTE, CH_SQUOTE, CH_DOLLAR]) table[c] = 1;
  return table;
})();

const KIND_DQ = 0;
const KIND_SHELL = 1;

interface Frame {
  readonly kind: number;
  readonly start: number;
  /** A shell-out inside double quotes: if it fails, its `$(` is plain text in the quotes. */
  readonly fallible: boolean;
  /** Number of items matched so far (a shell-out needs at least one). */
  items: number;
}

/** Scans quoted strings and shell-outs of one source text, with memoised results. */
/** The scanning work allowed for a text of `length` characters. */
export function scanBudget(length: number): number {
  return 16 * length + 100_000;
}

export class GroupScanner {
  /**
   * Results by start offset: -1 = no match, otherwise the end. The character at the offset (`"`,
   * `'` or `$`) tells which kind of part it is, so one table serves all three. A Map while small;
   * past 4,096 entries (pathological input) an Int32Array indexed by offset (0 = unknown, else
   * end + 1), so lookups stay cheap without allocating 4 bytes per character for ordinary files.
   */
  private memoMap: Map<number, number> | undefined = new Map<number, number>();
  private memoArray?: Int32Array;
  private work = 0;
  private readonly budget: number;

  constructor(private readonly text: string) {
    this.budget = scanBudget(text.length);
  }

  /** Whether a scan found no end; such a scan may have read to the end of the text. */
  failed = false;

  /** The work done so far (steps of quote and `$(` scanning), counted against the budget. */
  get spent(): number {
    return this.work;
  }

  private known(p: number): number | undefined {
    if (this.memoMap) return this.memoMap.get(p);
    const v = (this.memoArray as Int32Array)[p];
    return v === 0 ? undefined : v < 0 ? -1 : v - 1;
  }

  private remember(p: number, end: number): void {
    if (end < 0) this.failed = true;
    const map = this.memoMap;
    if (map) {
      map.set(p, end);
      if (map.size <= 4096) return;
      const array = new Int32Array(this.text.length + 1);
      for (const [k, v] of map) array[k] = v < 0 ? -1 : v + 1;
      this.memoArray = array;
      this.memoMap = undefined;
      return;
    }
    (this.memoArray as Int32Array)[p] = end < 0 ? -1 : end + 1;
  }

  /** End of the double-quoted string starting at `p` (just past the closing quote), or -1. */
  doubleQuoted(p: number): number {
    // Fast path: a string without `$(` inside.
    const text = this.text;
    const n = text.length;
    for (let q = p + 1; q < n; ) {
      const c = text.charCodeAt(q);
      if (c === CH_DQUOTE) {
        this.work += q - p;
        return q + 1;
      }
      if (c === CH_BACKSLASH) q += 2;
      else if (c === CH_DOLLAR && text.charCodeAt(q + 1) === CH_LPAREN) break;
      else q++;
    }
    return this.group(p, KIND_DQ);
  }

  /** End of the `$( … )` starting at `p` (just past the `)`), or -1. */
  shellOut(p: number): number {
    // Fast path: plain characters and blanks up to the `)`.
    const text = this.text;
    const n = text.length;
    for (let q = p + 2; q < n; q++) {
      const c = text.charCodeAt(q);
      if (c === CH_RPAREN) {
        if (q === p + 2) break;
        this.work += q - p;
        return q + 1;
      }
      if (c === CH_LF || c === CH_CR || c === CH_BACKSLASH || c === CH_DQUOTE || c === CH_SQUOTE || c === CH_DOLLAR) break;
    }
    return this.group(p, KIND_SHELL);
  }

  /** End of the single-quoted string starting at `p` (just past the closing quote), or -1. */
  singleQuoted(p: number): number {
    if (p >= this.sqFailFrom) return -1;
    const known = this.known(p);
    if (known !== undefined) return known;
    const text = this.text;
    const n = text.length;
    let q = p + 1;
    let result = -1;
    while (q < n && this.work < this.budget) {
      this.work++;
      const c = text.charCodeAt(q);
      if (c === CH_SQUOTE) {
        result = q + 1;
        break;
      }
      q += c === CH_BACKSLASH ? 2 : 1;
    }
    this.remember(p, result);
    // A failed scan means no closing quote exists after p, so no later quote can close either.
    if (result < 0 && q >= n) this.sqFailFrom = Math.min(this.sqFailFrom, p);
    return result;
  }

  private sqFailFrom = Number.MAX_SAFE_INTEGER;

  private group(p0: number, kind0: number): number {
    const known = this.known(p0);
    if (known !== undefined) return known;
    const text = this.text;
    const n = text.length;
    const stack: Frame[] = [{ kind: kind0, start: p0, fallible: false, items: 0 }];
    let p = p0 + (kind0 === KIND_DQ ? 1 : 2);
    for (;;) {
      const top = stack[stack.length - 1];
      let failed = false;
      if (++this.work > this.budget || stack.length > 10_000 || p >= n) {
        failed = true;
      } else {
        const c = text.charCodeAt(p);
        if (top.kind === KIND_DQ) {
          if (c === CH_DQUOTE) {
            p++;
            stack.pop();
            this.remember(top.start, p);
            if (stack.length === 0) return p;
            stack[stack.length - 1].items++;
            continue;
          }
          if (c === CH_BACKSLASH) {
            if (p + 1 >= n) failed = true;
            else p += 2;
          } else if (c === CH_DOLLAR && text.charCodeAt(p + 1) === CH_LPAREN) {
            const inner = this.known(p);
            if (inner === undefined) {
              stack.push({ kind: KIND_SHELL, start: p, fallible: true, items: 0 });
              p += 2;
            } else {
              p = inner >= 0 ? inner : p + 1;
            }
          } else {
            p++;
          }
        } else {
          // Inside $( … ).
          if (c === CH_RPAREN) {
            if (top.items === 0) {
              failed = true;
            } else {
              p++;
              stack.pop();
              this.remember(top.start, p);
              if (stack.length === 0) return p;
              stack[stack.length - 1].items++;
              continue;
            }
          } else if (c === CH_SPACE || c === CH_TAB) {
            // WS: blanks, and line continuations after a blank.
            for (;;) {
              const d = text.charCodeAt(p);
              if (d === CH_SPACE || d === CH_TAB) p++;
              else if (d === CH_BACKSLASH && isContinuation(text, p)) p = continuationEnd(text, p);
              else break;
            }
            top.items++;
          } else if (c === CH_LF || c === CH_CR) {
            failed = true;
          } else if (c === CH_BACKSLASH) {
            if (p + 1 >= n) failed = true;
            else {
              p += 2;
              top.items++;
            }
          } else if (c === CH_DQUOTE) {
            const inner = this.known(p);
            if (inner === undefined) {
              stack.push({ kind: KIND_DQ, start: p, fallible: false, items: 0 });
              p++;
            } else if (inner >= 0) {
              p = inner;
              top.items++;
            } else {
              failed = true;
            }
          } else if (c === CH_SQUOTE) {
            const e = this.singleQuoted(p);
            if (e < 0) failed = true;
            else {
              p = e;
              top.items++;
            }
          } else if (c === CH_DOLLAR && text.charCodeAt(p + 1) === CH_LPAREN) {
            const inner = this.known(p);
            if (inner === undefined) {
              stack.push({ kind: KIND_SHELL, start: p, fallible: false, items: 0 });
              p += 2;
            } else if (inner >= 0) {
              p = inner;
              top.items++;
            } else {
              failed = true;
            }
          } else {
            p++;
            top.items++;
          }
        }
      }
      if (!failed) continue;
      // Unwind: frames fail until a shell-out inside double quotes, whose `$(` becomes plain text.
      let resumed = false;
      while (stack.length > 0) {
        const f = stack.pop() as Frame;
        this.remember(f.start, -1);
        if (f.fallible) {
          p = f.start + 1;
          resumed = true;
          break;
        }
      }
      if (!resumed) return -1;
    }
  }
}
