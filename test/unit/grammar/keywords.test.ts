// Keeps the TextMate grammar and the COMMANDS table in step: every command of the table must be highlighted as a
// keyword where a command stands, and the grammar must not highlight any keyword the table does not know.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { COMMANDS } from '../../../server/src/language/commands';
import { REPO_ROOT } from '../../harness/paths';

const KEYWORD = 'keyword.control.earthfile';


const grammarPath = path.join(REPO_ROOT, 'syntaxes', 'earthfile.tmLanguage.json');

let grammarPromise: Promise<textmate.IGrammar> | undefined;

/** Loads the Earthfile grammar once. `source.shell` is not available here, so its includes resolve to nothing. */
function loadGrammar(): Promise<textmate.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'source.earthfile'
          ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath)
          : null,
    });
    const grammar = await registry.loadGrammar('source.earthfile');
    assert.ok(grammar, 'the grammar loads');
    return grammar;
  })();
  return grammarPromise;
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly scopes: readonly string[];
}

/** Tokenises `lines` in order and returns the tokens of the last line. */
async function lastLineTokens(lines: readonly string[]): Promise<Token[]> {
  const grammar = await loadGrammar();
  let state = textmate.INITIAL;
  let tokens: textmate.IToken[] = [];
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    tokens = result.tokens;
  }
  const last = lines[lines.length - 1] ?? '';
  return tokens.map((t) => ({ text: last.slice(t.startIndex, t.endIndex), start: t.startIndex, scopes: t.scopes }));
}

/** The keyword token starting at `column` of the last line, if that token is scoped as a command keyword. */
async function keywordAt(lines: readonly string[], column: number): Promise<string | undefined> {
  const token = (await lastLineTokens(lines)).find((t) => t.start === column);
  return token && token.scopes.includes(KEYWORD) ? token.text : undefined;
}

test('the COMMANDS table is not empty', () => {
  assert.ok(COMMANDS.length > 30, `only ${COMMANDS.length} commands`);
});

test('every command is a keyword at the start of a recipe line', async (t) => {
  for (const { name } of COMMANDS) {
    await t.test(name, async () => {
      assert.equal(await keywordAt(['VERSION 0.8', 't:', `    ${name} x`], 4), name, 'followed by an argument');
      assert.equal(await keywordAt(['t:', `    ${name}`], 4), name, 'alone on its line');
      assert.equal(await keywordAt(['t:', `\t${name} x`], 1), name, 'after a tab');
    });
  }
});

test('every command is a keyword at column 0 in the base recipe', async (t) => {
  for (const { name } of COMMANDS) {
    await t.test(name, async () => {
      assert.equal(await keywordAt(['VERSION 0.8', `${name} x`], 0), name);
    });
  }
});

test('a command word is not a keyword when lowercase, glued to more letters, or mid-line', async (t) => {
  for (const { name } of COMMANDS) {
    await t.test(name, async () => {
      // `FROM DOCKERFILEX` is still the command FROM with an argument: only a first word that is itself a command
      // (FROM, ELSE) remains a keyword.
      const firstWord = name.split(' ')[0] ?? '';
      const shorter = firstWord !== name && COMMANDS.some((c) => c.name === firstWord) ? firstWord : undefined;
      assert.equal(await keywordAt(['t:', `    ${name.toLowerCase()} x`], 4), undefined, 'lowercase');
      assert.equal(await keywordAt(['t:', `    ${name}X x`], 4), shorter, 'with a letter appended');
      assert.equal(await keywordAt(['t:', `    ${name}_2 x`], 4), shorter, 'with _2 appended');
      const midLine = await lastLineTokens(['t:', `    COPY ${name} x`]);
      assert.ok(
        !midLine.some((tok) => tok.start >= 9 && tok.scopes.includes(KEYWORD)),
        `no keyword after COPY: ${JSON.stringify(midLine)}`,
      );
    });
  }
});

test('multi-word keywords need exactly one space', async (t) => {
  for (const { name } of COMMANDS.filter((c) => c.name.includes(' '))) {
    await t.test(name, async () => {
      const [first = '', second = ''] = name.split(' ');
      const line = `    ${first}  ${second} x`;
      const tokens = await lastLineTokens(['t:', line]);
      const secondAt = line.indexOf(second, 4 + first.length);
      assert.ok(
        !tokens.some((tok) => tok.scopes.includes(KEYWORD) && tok.start <= secondAt && tok.start + tok.text.length > secondAt),
        `"${second}" is not part of a keyword: ${JSON.stringify(tokens)}`,
      );
    });
  }
});

test('removed and unknown commands are not keywords', async () => {
  for (const word of ['PIPELINE', 'TRIGGER', 'LOAD', 'MAINTAINER', 'ONBUILDX', 'Run']) {
    assert.equal(await keywordAt(['t:', `    ${word} x`], 4), undefined, word);
  }
});

test('the grammar highlights no keyword that the COMMANDS table lacks', async () => {
  const names = new Set(COMMANDS.map((c) => c.name));
  const grammarText = readFileSync(grammarPath, 'utf8');
  const candidates = new Set(grammarText.match(/\b[A-Z][A-Z_]+(?: [A-Z][A-Z_]+)?\b/g) ?? []);
  for (const candidate of [...candidates].flatMap((c) => [c, ...c.split(' ')])) {
    const keyword = await keywordAt(['t:', `    ${candidate} x`], 4);
    if (keyword !== undefined) {
      assert.ok(names.has(keyword), `the grammar highlights "${keyword}", which is not in COMMANDS`);
    }
  }
});

test('the shell text of RUN, IF and ELSE IF starts after every flag and flag value of the table', async (t) => {
  for (const command of COMMANDS.filter((c) => ['RUN', 'IF', 'ELSE IF'].includes(c.name))) {
    for (const flag of command.flags) {
      const spelled = flag.name.startsWith('-') ? flag.name : `--${flag.name}`;
      await t.test(`${command.name} ${spelled}`, async () => {
        const value = flag.kind === 'bool' ? '' : ' type=cache,target=/x';
        const line = `    ${command.name} ${spelled}${value} shelltext`;
        const tokens = await lastLineTokens(['t:', line]);
        const embedded = (column: number) =>
          tokens.some(
            (tok) =>
              tok.start <= column &&
              column < tok.start + tok.text.length &&
              tok.scopes.includes('meta.embedded.shell.earthfile'),
          );
        const flagAt = line.indexOf(spelled);
        assert.ok(!embedded(flagAt), `the flag is not shell: ${JSON.stringify(tokens)}`);
        if (value) {
          assert.ok(!embedded(line.indexOf('type=')), `the flag value is not shell: ${JSON.stringify(tokens)}`);
        }
        assert.ok(embedded(line.indexOf('shelltext')), `the command is shell: ${JSON.stringify(tokens)}`);
      });
    }
  }
});

test('FOR flags with a value leave the loop variable in place', async (t) => {
  for (const flag of COMMANDS.find((c) => c.name === 'FOR')?.flags ?? []) {
    await t.test(flag.name, async () => {
      const value = flag.kind === 'bool' ? '' : ' ","';
      const line = `    FOR --${flag.name}${value} item IN a b`;
      const tokens = await lastLineTokens(['t:', line]);
      const item = tokens.find((tok) => tok.text === 'item');
      assert.ok(item?.scopes.includes('variable.other.definition.earthfile'), JSON.stringify(tokens));
    });
  }
});
