// `astEqual`: two trees compare equal exactly when `earthfile ast` prints the same JSON for them.
// Each kind of AST difference makes it false, layout alone leaves it true, and on random edits of the
// goldens it agrees with a deep comparison of `toAstJson`. Every fixture runs with `\n` and `\r\n`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { astEqual, parse, toAstJson } from '../../../server/src/parser';
import { edits, goldens, mutate, piece } from './generators';

const EOLS: [string, string][] = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
];

/** Checks `astEqual` both ways against `expected` and against the printed JSON. */
function compares(a: string, b: string, expected: boolean): void {
  const x = parse(a).tree;
  const y = parse(b).tree;
  assert.equal(isDeepStrictEqual(toAstJson(x), toAstJson(y)), expected, 'the fixture is what its name says');
  assert.equal(astEqual(x, y), expected);
  assert.equal(astEqual(y, x), expected);
}

const BASE = `VERSION 0.8
FROM alpine
# builds it
build:
    # the first step
    RUN echo hi
    IF [ -f x ]
        RUN a
    ELSE IF [ -f y ]
        RUN b
    ELSE
        RUN c
    END
    FOR f IN a b
        RUN $f
    END
    WITH DOCKER --load x=+img
        RUN docker run x
    END
    WAIT
        BUILD +img
    END
    TRY
        RUN t
    CATCH
        RUN u
    FINALLY
        RUN v
    END
    ARG --required NAME=v  w
    SAVE ARTIFACT out AS LOCAL out
img:
    FROM scratch
SETUP:
    FUNCTION
    RUN ["echo", "x"]
`;

/** The same AST: indentation, spacing, continuations, blank lines, trailing comments. */
const LAYOUT_ONLY: [string, string][] = [
  ['indentation and spacing', BASE.replace(/^ {4}/gm, '  ').replace('RUN echo hi', 'RUN   echo    hi')],
  ['a continuation between words', BASE.replace('RUN echo hi', 'RUN echo \\\n        hi')],
  ['blank lines and a trailing comment', BASE.replace('img:', '\n\nimg:').replace('RUN a', 'RUN a # why')],
];

/** Each a different AST from BASE, by the part its name gives. */
const DIFFERENT: [string, string][] = [
  ['keyword', BASE.replace('RUN echo hi', 'CMD echo hi')],
  ['an argument', BASE.replace('RUN echo hi', 'RUN echo ho')],
  ['the number of arguments', BASE.replace('RUN echo hi', 'RUN echo hi there')],
  ['arguments joined by quotes', BASE.replace('RUN echo hi', 'RUN "echo hi"')],
  ['a flag', BASE.replace('SAVE ARTIFACT out', 'SAVE ARTIFACT --keep-ts out')],
  ['a flag of a key/value command', BASE.replace('ARG --required NAME', 'ARG NAME')],
  ['a value', BASE.replace('NAME=v  w', 'NAME=v w')],
  ['exec mode', BASE.replace('RUN ["echo", "x"]', 'RUN echo x')],
  ['a doc comment of a command', BASE.replace('# the first step', '# the second step')],
  ['a doc comment added', BASE.replace('    RUN a\n', '    # a\n    RUN a\n')],
  ['a doc comment of a target', BASE.replace('# builds it', '# builds them')],
  ['nesting: a statement moved into a block', BASE.replace('        RUN c\n    END\n', '        RUN c\n        RUN d\n    END\n')],
  ['nesting: a statement moved out of a block', BASE.replace('        RUN $f\n    END\n', '    END\n    RUN $f\n')],
  ['an IF expression', BASE.replace('IF [ -f x ]', 'IF [ -f z ]')],
  ['an ELSE IF expression', BASE.replace('ELSE IF [ -f y ]', 'ELSE IF [ -f z ]')],
  ['an ELSE IF left out', BASE.replace('    ELSE IF [ -f y ]\n        RUN b\n', '')],
  ['an ELSE body', BASE.replace('RUN c', 'RUN cc')],
  ['FOR arguments', BASE.replace('FOR f IN a b', 'FOR f IN a c')],
  ['WITH DOCKER arguments', BASE.replace('--load x=+img', '--load y=+img')],
  ['WAIT arguments', BASE.replace('    WAIT\n', '    WAIT --x\n')],
  ['a block kind', BASE.replace('    WAIT\n        BUILD +img\n    END\n', '    TRY\n        BUILD +img\n    END\n')],
  ['a CATCH body', BASE.replace('RUN u', 'RUN uu')],
  ['a FINALLY left out', BASE.replace('    FINALLY\n        RUN v\n', '')],
  ['a target name', BASE.replace('img:', 'image:').replace('+img', '+image').replace('+img', '+image')],
  ['the order of targets', BASE.replace('img:\n    FROM scratch\n', '').replace('# builds it\n', 'img:\n    FROM scratch\n# builds it\n')],
  ['a target left out', BASE.replace('img:\n    FROM scratch\n', '')],
  ['an empty recipe', BASE.replace('    FROM scratch\n', '')],
  ['a function name', BASE.replace('SETUP:', 'SETUP2:')],
  ['a function turned into a target', BASE.replace('SETUP:\n    FUNCTION\n', 'setup:\n')],
  ['the base recipe', BASE.replace('FROM alpine', 'FROM debian')],
  ['the version', BASE.replace('VERSION 0.8', 'VERSION 0.7')],
  ['no version', BASE.replace('VERSION 0.8\n', '')],
];

for (const [label, eol] of EOLS) {
  const base = BASE.replace(/\n/g, eol);
  test(`the fixture parses without errors (${label})`, () => {
    assert.deepEqual(parse(base).errors, []);
    for (const [, text] of [...LAYOUT_ONLY, ...DIFFERENT]) assert.deepEqual(parse(text.replace(/\n/g, eol)).errors, [], text);
  });
  test(`a tree is equal to itself and to a new parse of its text (${label})`, () => {
    const tree = parse(base).tree;
    assert.equal(astEqual(tree, tree), true);
    compares(base, base, true);
  });
  for (const [name, text] of LAYOUT_ONLY) {
    test(`layout only, equal: ${name} (${label})`, () => compares(base, text.replace(/\n/g, eol), true));
  }
  for (const [name, text] of DIFFERENT) {
    test(`different: ${name} (${label})`, () => compares(base, text.replace(/\n/g, eol), false));
  }
}

test('an empty file and one with only comments and blank lines are equal', () => compares('', '# c\n\n\n', true));

test('an empty ELSE, CATCH or FINALLY prints nothing, as if left out', () => {
  compares('a:\n    IF x\n        RUN y\n    ELSE\n    END\n', 'a:\n    IF x\n        RUN y\n    END\n', true);
  compares('a:\n    TRY\n        RUN y\n    CATCH\n    FINALLY\n    END\n', 'a:\n    TRY\n        RUN y\n    FINALLY\n    END\n', true);
  compares('a:\n    IF x\n        RUN y\n    ELSE\n        RUN z\n    END\n', 'a:\n    IF x\n        RUN y\n    END\n', false);
});

test('the STOPSIGNAL keyword, which prints as STOP SIGNAL, compares by its name', () => {
  compares('a:\n    STOPSIGNAL 9\n', 'a:\n    STOPSIGNAL  9\n', true);
  compares('a:\n    STOPSIGNAL 9\n', 'a:\n    EXPOSE 9\n', false);
});

test('edited goldens: equal exactly when the printed JSON is', () => {
  fc.assert(
    fc.property(fc.nat({ max: goldens.length - 1 }), edits, (file, list) => {
      const a = parse(goldens[file]).tree;
      const b = parse(mutate(goldens[file], list)).tree;
      assert.equal(astEqual(a, b), isDeepStrictEqual(toAstJson(a), toAstJson(b)));
    }),
    { numRuns: 400 },
  );
  // Blanks and line breaks inserted mostly keep the AST, so these exercise the equal side.
  const blank = fc.oneof(fc.constantFrom(' ', '\t', '\n', '  \n', ' \\\n'), piece);
  fc.assert(
    fc.property(fc.nat({ max: goldens.length - 1 }), fc.nat(), blank, (file, at, insert) => {
      const text = goldens[file];
      const cut = at % (text.length + 1);
      const a = parse(text).tree;
      const b = parse(text.slice(0, cut) + insert + text.slice(cut)).tree;
      assert.equal(astEqual(a, b), isDeepStrictEqual(toAstJson(a), toAstJson(b)));
    }),
    { numRuns: 400 },
  );
});
