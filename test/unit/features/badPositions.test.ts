// Any text, any cursor: hover, signature help, definition, references, highlight, rename and the call
// hierarchy answer or come back empty, never throw. Broken files and Earthfiles shaped like real CI ones
// still get answers where there is something to describe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { askEverywhere, EOLS, hover, signature } from './cursor';
import { definitions, references, rename } from './navigation';

const CI = `VERSION 0.8
IMPORT ./lib AS lib

# Installs the build dependencies.
deps:
    FROM ubuntu:24.04
    ARG GO_VERSION=1.22.5
    RUN apt-get update && \\
        apt-get install -y --no-install-recommends \\
            ca-certificates \\
            # curl fetches the toolchain
            curl git && \\
        curl -fsSL https://go.dev/dl/go\${GO_VERSION}.linux-amd64.tar.gz | tar -C /usr/local -xz
    SAVE ARTIFACT /usr/local/go go

test:
    FROM +deps
    RUN --mount=type=cache,target=/root/.cache go test ./... # "quoted" $NOT_A_USE
    BUILD lib+lint \\
        --STRICT=true
`;

for (const { label, eol } of EOLS) {
  const fx = (s: string) => s.replace(/\n/g, eol);

  test(`every position of a CI-shaped Earthfile answers without throwing (${label})`, () => {
    askEverywhere(fx(CI));
  });

  test(`CI-shaped: a variable on a continued apt-get line, a ref across a continuation (${label})`, () => {
    const use = hover({ text: CI.replace('go${GO_VER', 'go${GO_$0VER'), eol });
    assert.equal(use?.word, 'GO_VERSION');
    assert.match(use?.markdown ?? '', /ARG GO_VERSION=1\.22\.5/);
    assert.equal(hover({ text: CI.replace('# curl fetches', '# cu$0rl fetches'), eol }), undefined);
    assert.equal(hover({ text: CI.replace('FROM +deps', 'FROM +de$0ps'), eol })?.word, '+deps');
    const lib = signature({ text: CI.replace('--STRICT=true', '--STRICT=true $0'), eol, files: { '/ws/lib/Earthfile': 'VERSION 0.8\nlint:\n    ARG STRICT=false\n    ARG FIX\n' } });
    assert.equal(lib?.active, '--FIX');
  });

  test(`CI-shaped: navigation across continuations and the comment inside one (${label})`, () => {
    const files = { '/ws/lib/Earthfile': 'VERSION 0.8\nlint:\n    ARG STRICT=false\n' };
    assert.deepEqual(definitions({ text: CI.replace('BUILD lib+lint', 'BUILD lib+li$0nt'), eol, files }), ['lib/Earthfile:2 lint']);
    assert.deepEqual(definitions({ text: CI.replace('--STRICT=true', '--STR$0ICT=true'), eol, files }), ['lib/Earthfile:3 STRICT']);
    assert.deepEqual(references({ text: CI.replace('ARG GO_VERSION', 'ARG GO_$0VERSION'), eol }), ['Earthfile:13 GO_VERSION', 'Earthfile:7 GO_VERSION']);
    assert.deepEqual(references({ text: CI.replace('# curl fetches', '# cu$0rl fetches'), eol }), []);
  });

  test(`no hover in comments, blank lines, after the end, or on a CR (${label})`, () => {
    const text = 'VERSION 0.8\n# a comment$0\nbuild:\n    RUN echo "$X"\n\n';
    assert.equal(hover({ text, eol }), undefined);
    assert.equal(hover({ text: 'VERSION 0.8\nbuild:\n\n$0\n', eol }), undefined);
    assert.equal(hover({ text: 'VERSION 0.8\nbuild:\n    RUN true\n$0', eol }), undefined);
    // The cursor at a line's end (on its CR under CRLF) still reads the word that ends there.
    assert.equal(hover({ text: 'VERSION 0.8\nbuild:\n    FROM alpine\n    RUN$0\n', eol })?.word, 'RUN');
  });

  test(`broken files: unclosed IF, missing END, a header with nothing under it (${label})`, () => {
    const callee = 'VERSION 0.8\nbuild:\n    ARG --required TAG\n';
    assert.equal(hover({ text: `${callee}all:\n    IF true\n        BUILD +bu$0ild\n`, eol })?.word, '+build');
    assert.equal(hover({ text: `${callee}all:\n    WITH DOCKER\n        RUN $$0{TAG}\n    FOR x IN y\n`, eol })?.word, 'TAG');
    assert.equal(hover({ text: `${callee}emp$0ty:\nall:\n`, eol })?.markdown.startsWith('```earthfile\nempty:\n```'), true);
    assert.equal(hover({ text: `${callee}all:\n    BUILD +empty\nempty:\n    E$0ND\n`, eol })?.word, 'END');
    assert.equal(hover({ text: 'VERSION 0.8\nb:\n    FROM alpine\n    IF true\n        RUN $0\n', eol }), undefined);
  });
}

test('10,000 nested blocks: hover and signature help at the innermost line', () => {
  const depth = 10_000;
  const text = `VERSION 0.8\nt:\n    ARG X=1\nb:\n${'    IF true\n'.repeat(depth)}        BUILD +t --X=$0\n${'    END\n'.repeat(depth)}`;
  assert.equal(signature({ text })?.active, '--X=1');
  assert.equal(hover({ text: text.replace('BUILD +t', 'BUILD +$0t').replace('--X=$0', '--X=') })?.word, '+t');
  askEverywhere(text.replace('$0', ''), 997);
});

test('10,000 nested blocks: references and rename of a target from the innermost line', () => {
  const depth = 10_000;
  const text = `VERSION 0.8\nt:\n    ARG X=1\nb:\n${'    IF true\n'.repeat(depth)}        BUILD +$0t --X=$X\n${'    END\n'.repeat(depth)}`;
  assert.deepEqual(references({ text }), ['Earthfile:10005 t', 'Earthfile:2 t']);
  const renamed = rename({ text }, 'u') as Record<string, string>;
  assert.ok(renamed.Earthfile.startsWith('VERSION 0.8\nu:\n') && renamed.Earthfile.includes('BUILD +u --X=$X'));
});

test('a 5 MB line: hover and signature help answer at its start, middle and end', () => {
  const line = 'RUN ' + `echo${'x'.repeat(980)} "a b" $(x y) $V \\z `.repeat(5_000);
  const text = `VERSION 0.8\nt:\n    ARG V=1\nb:\n    ${line}\n`;
  askEverywhere(text, 499_999);
  const middle = text.indexOf('$V', text.length / 2) + 1;
  assert.equal(hover({ text: text.slice(0, middle) + '$0' + text.slice(middle) })?.word, 'V');
});
