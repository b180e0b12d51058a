// Completion where people type: files mid-edit (unclosed IF, missing END, a half-typed flag, a header
// with nothing under it) and Earthfiles shaped like real CI ones (continued apt-get lines, BUILD $target,
// doc comments, IMPORT chains). Each with `\n` and `\r\n`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bothEols, completeAt } from './fixture';

const labels = async (fixture: string, eol: '\n' | '\r\n', files?: Record<string, string>) => (await completeAt(fixture, { eol, files })).labels;
const has = (got: readonly string[], ...wanted: string[]) => {
  for (const w of wanted) assert.ok(got.includes(w), `${w} missing from ${got.join(', ')}`);
};

const CI = `VERSION 0.8
IMPORT github.com/earthly/lib/utils/dind AS dind
IMPORT ./tools AS tools

ARG --global GO_VERSION=1.23

# deps downloads the Go modules once for every target.
deps:
    FROM golang:\${GO_VERSION}-bookworm
    RUN apt-get update && \\
        apt-get install -y --no-install-recommends \\
            git ca-certificates && \\
        rm -rf /var/lib/apt/lists/*
    WORKDIR /src
    COPY go.mod go.sum ./
    RUN --mount type=cache,target=/root/.cache/go-build go mod download

# ci runs everything the pipeline runs.
ci:
    FOR target IN lint test build
        BUILD +$target
    END
`;

test('an unclosed IF and a missing END still offer the block clauses and the commands', async () => {
  await bothEols(async (eol) => {
    has(await labels('VERSION 0.8\nt:\n    FROM alpine\n    IF [ -f x ]\n        RUN true\n    $0\nother:\n    FROM alpine\n', eol), 'ELSE', 'END', 'RUN');
    has(await labels('VERSION 0.8\nt:\n    FROM alpine\n    WITH DOCKER\n        RUN docker ps\n    EN$0', eol), 'END');
    has(await labels('VERSION 0.8\nt:\n    FROM alpine\n    FOR x IN a\n        IF true\n            $0', eol), 'END', 'ELSE', 'COPY');
  });
});

test('a half-typed flag and a header with nothing under it', async () => {
  await bothEols(async (eol) => {
    has(await labels('VERSION 0.8\nt:\n    FROM alpine\n    COPY --ch$0\n', eol), '--chown', '--chmod');
    has(await labels('VERSION 0.8\nt:\n    SAVE IMAGE --pu$0 --cache-hint\n', eol), '--push');
    has(await labels('VERSION 0.8\nbuild:\n    $0', eol), 'FROM', 'RUN', 'LOCALLY');
    // At column 0 under a header a new header is typed: without snippets there is nothing to offer.
    assert.deepEqual(await labels('VERSION 0.8\nbuild:\n$0\ntest:\n    FROM alpine\n', eol), []);
    has(await labels('VERSION 0.8\nbuild:\n    $0\ntest:\n', eol), 'FROM');
    has(await labels('VERSION 0.8\nbuild:\n    BUILD +$0\ntest:\n', eol), 'build', 'test');
  });
});

test('a CI-shaped Earthfile: continuations, cache mounts, BUILD $target, doc comments and IMPORTs', async () => {
  const files = { 'tools/Earthfile': 'VERSION 0.8\nLINT:\n    FUNCTION\n    ARG --required CONFIG\n' };
  await bothEols(async (eol) => {
    const at = (marker: string, insert: string) => CI.replace(marker, () => insert);
    // On a continuation line the command is still RUN: variables, not commands.
    has(await labels(at('git ca-certificates', 'git ca-certificates $$0'), eol), 'GO_VERSION', 'EARTHLY_TARGET');
    assert.deepEqual(await labels(at('git ca-certificates', 'git $0ca-certificates'), eol), []);
    has(await labels(at('--mount type=cache,target=/root/.cache/go-build', '--mount type=cache,$0target=/root/.cache/go-build'), eol), 'sharing=', 'id=');
    has(await labels(at('BUILD +$target', 'BUILD +$t$0'), eol), 'target', 'GO_VERSION');
    const ci = await completeAt(at('    END\n', '    END\n    BUILD +$0\n'), { eol, files });
    has(ci.labels, 'deps', 'ci');
    assert.deepEqual(ci.item('deps').documentation, { kind: 'markdown', value: 'deps downloads the Go modules once for every target.\n' });
    assert.deepEqual(await labels(at('    END\n', '    END\n    DO tools+LINT $0\n'), eol, files), ['--CONFIG']);
    has(await labels(at('    END\n', '    END\n    DO $0\n'), eol, files), 'tools+', 'dind+');
    assert.deepEqual(await labels(at('    END\n', '    END\n    DO dind+$0\n'), eol, files), []);
  });
});

test('comments and text after a comment marker complete nothing', async () => {
  await bothEols(async (eol) => {
    assert.deepEqual(await labels('VERSION 0.8\n# BUILD +$0\nt:\n    FROM alpine\n', eol), []);
    assert.deepEqual(await labels('VERSION 0.8\nt:\n    RUN true # $$0\n', eol), []);
  });
});
