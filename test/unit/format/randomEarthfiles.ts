// Random Earthfiles without syntax errors, for the formatter's property tests: targets and functions
// with nested blocks, comments at any indentation, blank lines, flags, quotes, shell-outs, key/value
// commands and line continuations between and inside words, laid out with random indentation.
import fc from 'fast-check';

/** What separates two words: blanks, or a continuation (with comment and blank lines it skips). */
const gap = fc.constantFrom(' ', ' ', '  ', '\t', ' \\\n', ' \\\n  # skipped\n', ' \\\n\n', '\t\\  \n');

/** Words of a command line, each with the gap before it. */
function wordsOf(words: fc.Arbitrary<string>, min = 1) {
  return fc.array(fc.tuple(gap, words), { minLength: min, maxLength: 4 });
}

const shellWord = fc.constantFrom(
  'echo', 'hi', '"two  spaces"', "'single  quoted'", '$VAR', '${X:-d}', '$(date +%s)', '"$(echo "a  b")"',
  'a\\ b', '--flag', '-x', '&&', '|', 'glued\\\n    word', '"quoted \\\n   continued"', '"raw\n  newline"', 'x=1', 'a#b', '"#"',
);
const path = fc.constantFrom('./src', 'go.mod', '+build/out', './lib+t/bin', 'dist/', '"with space"');
const key = fc.constantFrom('A', 'NAME', 'tag', '_x1');
const value = fc.constantFrom('1', 'a  b', '"quoted  value"', '$(echo x)', '#notacomment', '', 'v \\\n  w', 'x\\\n y');

type Line = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'comment'; readonly text: string; readonly column0: boolean } | { readonly kind: 'blank' };

const render = (parts: readonly [string, string][]) => parts.map(([g, w]) => g + w).join('');

const command: fc.Arbitrary<string> = fc.oneof(
  wordsOf(shellWord).map((w) => `RUN${render(w)}`),
  fc.tuple(fc.constantFrom('COPY', 'COPY --dir', 'SAVE ARTIFACT', 'BUILD', 'FROM', 'WORKDIR'), wordsOf(path)).map(([k, w]) => k + render(w)),
  fc.tuple(fc.constantFrom('ARG', 'ARG --required', 'ENV', 'LET', 'SET', 'ARG --global'), key, fc.constantFrom('=', ' = ', '= ', ' ='), value).map(
    // After `= `, a `#` would start a comment; LET and SET need a value.
    ([k, name, eq, v]) => `${k} ${name}${v.startsWith('#') ? eq.trimEnd() : eq}${v === '' && (k === 'LET' || k === 'SET') ? 'x' : v}`,
  ),
  fc.constantFrom('ENV PLAIN value', 'LABEL a=1 "b c" = "d  e"', 'CMD ["/app",  "--port"]', 'SAVE IMAGE --push app:latest', 'EXPOSE 80 443'),
  fc.tuple(fc.constantFrom('RUN', 'COPY'), fc.constantFrom(' # trailing comment', '   #  spaced   ', '')).map(([k, c]) => `${k} x${c}`),
);

/** Statements at some depth, as lines with their depth. */
const statements: fc.Memo<[number, Line][]> = fc.memo((n) => {
  const one: fc.Arbitrary<[number, Line][]> =
    n <= 1
      ? command.map((text) => [[0, { kind: 'line', text }]])
      : fc.oneof(
          command.map((text): [number, Line][] => [[0, { kind: 'line', text }]]),
          fc
            .tuple(
              fc.constantFrom('IF [ -f x ]', 'FOR f IN a b', 'WITH DOCKER --load a=+b', 'WAIT', 'TRY', 'IF ["true"]', 'FOR x IN $(ls \\\n  /)'),
              statements(n - 1),
              fc.option(statements(n - 1), { nil: undefined }),
            )
            .map(([opener, body, other]): [number, Line][] => {
              const second = opener.startsWith('IF') ? 'ELSE' : opener === 'TRY' ? 'FINALLY' : undefined;
              const lines: [number, Line][] = [[0, { kind: 'line', text: opener }], ...body.map(([d, l]): [number, Line] => [d + 1, l])];
              if (second && other) lines.push([0, { kind: 'line', text: second }], ...other.map(([d, l]): [number, Line] => [d + 1, l]));
              lines.push([0, { kind: 'line', text: 'END' }]);
              return lines;
            }),
        );
  const extra = fc.constantFrom<Line[]>([], [], [{ kind: 'blank' }], [{ kind: 'blank' }, { kind: 'blank' }], [{ kind: 'comment', text: '# note', column0: false }], [{ kind: 'comment', text: '# at column 0', column0: true }]);
  return fc.array(fc.tuple(extra, one), { minLength: 1, maxLength: 4 }).map((parts) => parts.flatMap(([before, lines]) => [...before.map((l): [number, Line] => [0, l]), ...lines]));
});

const item = fc.tuple(fc.constantFrom('build', 'test', 'lint-all', 'SETUP'), fc.option(fc.constantFrom('# Docs of the item.', '# Docs\n# on two lines.'), { nil: undefined }), statements(3), fc.nat(2));

/** A random Earthfile that parses without errors, indented with `unit`. */
export const randomEarthfile = fc
  .tuple(fc.option(statements(2), { nil: undefined }), fc.array(item, { maxLength: 4 }), fc.constantFrom('  ', '    ', '\t', '   '), fc.constantFrom('\n', '\r\n'))
  .map(([base, items, unit, eol]) => {
    const out: string[] = ['VERSION 0.8'];
    const emit = (lines: readonly [number, Line][], depth: number) => {
      for (const [d, line] of lines) {
        if (line.kind === 'blank') out.push('');
        else if (line.kind === 'comment') out.push((line.column0 ? '' : unit.repeat(d + depth)) + line.text);
        else out.push(unit.repeat(d + depth) + line.text);
      }
    };
    if (base) emit(base, 0);
    items.forEach(([name, docs, body, blanks], i) => {
      for (let b = 0; b < blanks; b++) out.push('');
      if (docs) out.push(docs);
      const function_ = name === 'SETUP';
      out.push(`${name}${i}:`.replace(/^SETUP(\d+)/, 'SETUP_$1'));
      if (function_) out.push(`${unit}FUNCTION`);
      emit(body, 1);
    });
    return out.join('\n').replace(/\n/g, eol) + eol;
  });
