// Folding ranges and selection ranges, each fixture with `\n` and `\r\n`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, openDocument, openFixture } from './cursor';
import { textOf } from './structureChecks';

const CI = `VERSION 0.8
# region setup
IMPORT ./lib AS lib
# endregion

# Builds the API.
# Second line.
build:
    FROM golang:1.22
    RUN apt-get update && \\
        apt-get install -y \\
            curl
    IF [ "$X" = "1" ]
        RUN echo one
        RUN echo two
    ELSE IF true
        RUN echo three
    ELSE
        # nothing
        # to do
    END
    SAVE ARTIFACT /out

empty:
test:
    BUILD +build
`;

for (const { label, eol } of EOLS) {
  test(`folds targets, clauses, continued commands, comment runs and regions (${label})`, () => {
    const { service, uri } = openDocument({ text: CI, eol });
    const folds = service.foldingRanges(uri).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ` ${f.kind}` : ''}`);
    assert.deepEqual(folds, [
      '1-3 region',
      '5-6 comment',
      '7-21',
      '9-11',
      '12-14',
      '15-16',
      '17-19',
      '18-19 comment',
      '24-25',
    ]);
  });

  test(`expands the selection from a word to its recipe (${label})`, () => {
    const text = `VERSION 0.8
build:
    FROM alpine
    IF true
        BUILD ./services/a$0pi+build --TAG=1
    END
other:
`;
    const { service, uri, position, text: opened, lines } = openFixture({ text, eol });
    const chain: string[] = [];
    for (let s: ReturnType<typeof service.selectionRanges>[number] | undefined = service.selectionRanges(uri, [position])[0]; s; s = s.parent) {
      chain.push(textOf(opened, lines, s.range).replace(/\r\n/g, '\n'));
    }
    assert.deepEqual(chain, [
      'api',
      './services/api',
      './services/api+build',
      'BUILD ./services/api+build --TAG=1',
      'IF true\n        BUILD ./services/api+build --TAG=1',
      'IF true\n        BUILD ./services/api+build --TAG=1\n    END',
      'build:\n    FROM alpine\n    IF true\n        BUILD ./services/api+build --TAG=1\n    END',
      'build:\n    FROM alpine\n    IF true\n        BUILD ./services/api+build --TAG=1\n    END\n',
    ]);
  });

  test(`selection in flags, overrides, headers and key/value commands (${label})`, () => {
    const innermost = (text: string, depth: number): string[] => {
      const { service, uri, position, text: opened, lines } = openFixture({ text, eol });
      const out: string[] = [];
      for (let s = service.selectionRanges(uri, [position])[0] as { range: Parameters<typeof textOf>[2]; parent?: unknown } | undefined; s && out.length < depth; s = s.parent as typeof s) {
        out.push(textOf(opened, lines, s.range));
      }
      return out;
    };
    assert.deepEqual(innermost('VERSION 0.8\nb:\n    COPY --chm$0od=0755 a b\n', 3), ['chmod', '--chmod', '--chmod=0755']);
    assert.deepEqual(innermost('VERSION 0.8\nb:\n    BUILD +t --TA$0G=1\nt:\n', 3), ['TAG', 'TAG=1', '--TAG=1']);
    assert.deepEqual(innermost('VERSION 0.8\nbu$0ild:\n    RUN true\n', 3), ['build', 'build:', eol === '\n' ? 'build:\n    RUN true' : 'build:\r\n    RUN true']);
    assert.deepEqual(innermost('VERSION 0.8\nb:\n    ARG --required VER$0SION=1\n', 2), ['VERSION', 'ARG --required VERSION=1']);
    assert.deepEqual(innermost('VERSION 0$0.8\n', 2), ['0.8', 'VERSION 0.8']);
  });
}

test('a blank line selects its recipe; many positions, one answer each', () => {
  const { service, uri } = openDocument({ text: 'VERSION 0.8\n\n\nb:\n    RUN true\n' });
  const answers = service.selectionRanges(uri, [{ line: 1, character: 0 }, { line: 4, character: 5 }]);
  assert.equal(answers.length, 2);
  assert.deepEqual(answers[0].range, { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } });
  assert.deepEqual(answers[1].range, { start: { line: 4, character: 4 }, end: { line: 4, character: 7 } });
  assert.deepEqual(service.selectionRanges('file:///not/open', [{ line: 0, character: 0 }]), []);
});

test('10,000 nested blocks: folds for each, and a selection answer of bounded depth', () => {
  const depth = 10_000;
  const text = `VERSION 0.8\nb:\n${'    IF true\n'.repeat(depth)}        RUN x\n${'    END\n'.repeat(depth)}`;
  const { service, uri } = openDocument({ text });
  assert.equal(service.foldingRanges(uri).length, depth + 1);
  let levels = 0;
  for (let s: { parent?: unknown } | undefined = service.selectionRanges(uri, [{ line: depth + 2, character: 9 }])[0]; s; s = s.parent as typeof s) levels++;
  assert.equal(levels, 100);
});
