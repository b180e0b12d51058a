// The regular expressions of language-configuration.json: words, indentation and Enter rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../harness/paths';

interface LanguageConfiguration {
  comments: { lineComment: string };
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: { beforeText: string; action: { indent: string } }[];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
}


const config = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'language-configuration.json'), 'utf8'),
) as LanguageConfiguration;

function words(line: string): string[] {
  return line.match(new RegExp(config.wordPattern, 'g')) ?? [];
}

test('the line comment is #', () => {
  assert.equal(config.comments.lineComment, '#');
});

test('quotes and brackets auto-close outside strings and comments', () => {
  for (const open of ['(', '[', '{', '"', "'"]) {
    const pair = config.autoClosingPairs.find((p) => p.open === open);
    assert.ok(pair, open);
    assert.deepEqual(pair.notIn, ['string', 'comment'], open);
  }
});

test('references, variables and flags are single words', () => {
  assert.deepEqual(words('BUILD +target'), ['BUILD', '+target']);
  assert.deepEqual(words('COPY ./dir+target/out ../a/b+t/art /dest'), ['COPY', './dir+target/out', '../a/b+t/art', '/dest']);
  assert.deepEqual(words('FROM github.com/o/r:v1+build'), ['FROM', 'github.com/o/r:v1+build']);
  assert.deepEqual(words('RUN echo $VAR'), ['RUN', 'echo', '$VAR']);
  assert.deepEqual(words('SAVE IMAGE --flag-name=x'), ['SAVE', 'IMAGE', '--flag-name', 'x']);
  assert.deepEqual(words('DO lib+MY_FN --K=v'), ['DO', 'lib+MY_FN', '--K', 'v']);
  assert.deepEqual(words('build:'), ['build'], 'the header colon is not part of the name');
  assert.deepEqual(words('COPY (+t/a) "q"'), ['COPY', '+t/a', 'q']);
});

const increase = new RegExp(config.indentationRules.increaseIndentPattern);
const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);

test('headers and block openers indent the next line', () => {
  for (const line of [
    'build:',
    'build-all.v2:',
    'MY_FN:',
    'docs: # comment',
    '    IF [ -f x ]',
    '    ELSE IF true',
    '    ELSE',
    '    FOR x IN a b',
    '    WITH DOCKER --load a=+b',
    '    WAIT',
    '    TRY',
    '    CATCH',
    '    FINALLY',
  ]) {
    assert.ok(increase.test(line), line);
    assert.ok(
      config.onEnterRules.some((rule) => rule.action.indent === 'indent' && new RegExp(rule.beforeText).test(line)),
      `Enter after ${line}`,
    );
  }
  for (const line of ['    RUN make', '    IFFY x', 'FROM alpine', '    indented:', '    WITH x', 'build: extra']) {
    assert.ok(!increase.test(line), line);
    assert.ok(!config.onEnterRules.some((rule) => new RegExp(rule.beforeText).test(line)), `Enter after ${line}`);
  }
});

test('END, ELSE, CATCH and FINALLY outdent', () => {
  for (const line of ['    END', '    ELSE', '    ELSE IF x', '    CATCH', '    FINALLY', 'END']) {
    assert.ok(decrease.test(line), line);
  }
  for (const line of ['    ENDX', '    RUN END', '    ELSEWHERE', '    IF x']) {
    assert.ok(!decrease.test(line), line);
  }
});
