// Quote removal as Earthly's shell lexer does it before the interpreter reads a word (reference §2
// "Quotes are kept in the AST args … the interpreter strips them", §8 SH): `"+""a"` is `+a`.
// Quotes go; inside double quotes a `\` before `"`, `$` or `\` goes too. Everything else stays, `\`
// escapes outside quotes included, since the reference syntax reads those itself (`\+`).

import { CH_BACKSLASH, CH_DOLLAR, CH_DQUOTE, CH_SQUOTE } from '../text/characters';

export interface Unquoted {
  readonly text: string;
  /** For each character of `text`, its index in the quoted word; then the index just past the last one. */
  readonly offsets: readonly number[];
}

/** `word` without its quotes, with a map back into it; undefined when it holds no quote. */
export function removeQuotes(word: string): Unquoted | undefined {
  if (word.indexOf('"') < 0 && word.indexOf("'") < 0) return undefined;
  let text = '';
  const offsets: number[] = [];
  let quote = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (quote === 0 && (c === CH_DQUOTE || c === CH_SQUOTE)) {
      quote = c;
      continue;
    }
    if (c === quote) {
      quote = 0;
      continue;
    }
    if (c === CH_BACKSLASH && quote !== CH_SQUOTE && i + 1 < word.length) {
      const next = word.charCodeAt(i + 1);
      if (quote === 0) {
        text += word[i];
        offsets.push(i);
        i++;
      } else if (next === CH_DQUOTE || next === CH_DOLLAR || next === CH_BACKSLASH) {
        i++;
      }
    }
    text += word[i];
    offsets.push(i);
  }
  offsets.push(offsets.length > 0 ? offsets[offsets.length - 1] + 1 : 0);
  return { text, offsets };
}

/** `word` as the interpreter reads it: without its quotes. */
export function unquote(word: string): string {
  return removeQuotes(word)?.text ?? word;
}
