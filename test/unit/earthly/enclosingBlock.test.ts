import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TargetSummary } from '../../../shared/src/protocol';
import { enclosingBlock } from '../../../client/src/earthly/run/enclosingBlock';

const TEXT = [
  'VERSION 0.8', // 0
  'FROM alpine:3.20', // 1
  '', // 2
  '# Builds it.', // 3
  'build:', // 4
  '    RUN make', // 5
  '', // 6
  'GO_DEPS:', // 7
  '    FUNCTION', // 8
  '    RUN go mod download', // 9
  'docker: # the image', // 10
  '    SAVE IMAGE --push x/y', // 11
  '    # trailing comment', // 12
];

const summary = (name: string, line: number): TargetSummary => ({ name, line, args: [], pushes: false, registries: [] });
const TARGETS = [summary('build', 4), summary('docker', 10)];

function blockAt(line: number): string {
  const block = enclosingBlock(TEXT, TARGETS, line);
  return block.kind === 'target' ? `target ${block.target.name}` : block.kind === 'function' ? `function ${block.name}` : 'base';
}

test('lines before the first header are the base recipe', () => {
  assert.deepEqual([0, 1, 2, 3].map(blockAt), ['base', 'base', 'base', 'base']);
});

test('a target runs from its header to the next header, blank lines included', () => {
  assert.deepEqual([4, 5, 6].map(blockAt), ['target build', 'target build', 'target build']);
  assert.deepEqual([10, 11, 12].map(blockAt), ['target docker', 'target docker', 'target docker']);
});

test('a header the server does not list as a target is a function', () => {
  assert.deepEqual([7, 8, 9].map(blockAt), ['function GO_DEPS', 'function GO_DEPS', 'function GO_DEPS']);
});

test('lines past the end (a stale cursor) belong to the last block; an empty file is all base recipe', () => {
  assert.equal(blockAt(99), 'target docker');
  assert.equal(enclosingBlock([], [], 0).kind, 'base');
});

test('indented or continued text ending in a colon is not a header', () => {
  const lines = ['VERSION 0.8', 'build:', '    RUN echo \\', 'x: y', '    LABEL a=b:', 'http://x:'];
  for (const line of [2, 3, 4, 5]) {
    assert.equal(enclosingBlock(lines, [summary('build', 1)], line).kind, 'target', `line ${line}`);
  }
});
