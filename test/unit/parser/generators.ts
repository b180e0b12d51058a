// Generated Earthfiles for property tests: the parser goldens, token soup from pieces that exercise
// the lexer, and goldens with random edits. Shared by the parser's and the formatter's property tests.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fixturesDir } from './helpers';

/** The texts of the parser goldens (test/fixtures/ast/*.earth). */
export const goldens: readonly string[] = readdirSync(fixturesDir())
  .filter((f) => f.endsWith('.earth'))
  .map((f) => readFileSync(join(fixturesDir(), f), 'utf8'));

/** Pieces that exercise the lexer: keywords, flags, quotes, shell-outs, continuations, comments. */
export const piece = fc.constantFrom(
  'VERSION 0.8', 'FROM alpine', 'RUN', 'RUN ', ' echo', 'IF', 'ELSE IF', 'ELSE', 'END', 'FOR x IN a',
  'WITH DOCKER', 'WAIT', 'TRY', 'CATCH', 'FINALLY', 'ARG', 'ENV', 'LET', 'SET', 'LABEL', 'SAVE ARTIFACT',
  'SAVE  IMAGE', 'target:', 'FUNC:', '  ', '    ', '\t', '\n', '\r\n', '\r', '\\', '\\\n', '#', '# c\n',
  '"', "'", '$(', ')', '(', '=', ' = ', '--flag', '--f=v', '--', '[', ']', '","', '\0', 'é', '😀', '\ud800',
);

/** Token soup: up to 60 pieces joined. */
export const earthfileish = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

/** A random edit: delete up to `del` characters at `at` (modulo the length) and insert `insert`. */
export interface Edit {
  readonly at: number;
  readonly del: number;
  readonly insert: string;
}

/** One to six edits of pieces, short binary strings or deletions. */
export const edits = fc.array(
  fc.record({
    at: fc.nat(),
    del: fc.nat({ max: 5 }),
    insert: fc.oneof(piece, fc.string({ unit: 'binary', maxLength: 4 }), fc.constant('')),
  }),
  { minLength: 1, maxLength: 6 },
);

/** `text` with `list` applied in order. */
export function mutate(text: string, list: readonly Edit[]): string {
  let out = text;
  for (const e of list) {
    const at = out.length === 0 ? 0 : e.at % (out.length + 1);
    out = out.slice(0, at) + e.insert + out.slice(at + e.del);
  }
  return out;
}
